/**
 * How many SMS a text takes, counted as phones do (3GPP TS 23.038): texts written only with the GSM 7-bit
 * alphabet take 160 characters in one SMS, 153 per part when split, and the extension characters
 * (€ [ ] { } \ ~ ^ | and form feed) count twice; anything else (Arabic, Cyrillic, Ethiopic, "ç"…) sends the
 * whole text in UCS-2: 70 in one SMS, 67 per part, a character outside the BMP (emoji) counting twice.
 */
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENSION = '\f^{}\\[~]|€';

export interface SmsCount {
  encoding: 'GSM-7' | 'UCS-2';
  /** Characters as the phone counts them (septets in GSM-7, 16-bit units in UCS-2). */
  length: number;
  segments: number;
}

export function countSms(text: string): SmsCount {
  let septets = 0;
  for (const ch of text) {
    if (GSM_BASIC.includes(ch)) septets += 1;
    else if (GSM_EXTENSION.includes(ch)) septets += 2;
    else return ucs2(text);
  }
  return { encoding: 'GSM-7', length: septets, segments: septets <= 160 ? 1 : Math.ceil(septets / 153) };
}

function ucs2(text: string): SmsCount {
  const units = text.length; // JavaScript strings are UTF-16: a surrogate pair is two units, as on the phone
  return { encoding: 'UCS-2', length: units, segments: units <= 70 ? 1 : Math.ceil(units / 67) };
}
