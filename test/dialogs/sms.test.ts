import { countSms } from '../../dialogs/advisor/sms';

/** Counts made by hand from 3GPP TS 23.038 (GSM 7-bit default alphabet and its extension table). */
describe('SMS length and parts', () => {
  it.each([
    ['Bonjour', 'GSM-7', 7, 1],
    ['a'.repeat(160), 'GSM-7', 160, 1],
    ['a'.repeat(161), 'GSM-7', 161, 2], // 153 + 8
    ['a'.repeat(306), 'GSM-7', 306, 2], // 2 × 153
    ['a'.repeat(307), 'GSM-7', 307, 3],
    ['Prix: 10€', 'GSM-7', 10, 1], // € is an extension character: 2 septets
    ['[' + 'a'.repeat(158), 'GSM-7', 160, 1],
    ['[' + 'a'.repeat(159), 'GSM-7', 161, 2],
    ['Café à Paris', 'GSM-7', 12, 1], // é and à are in the basic table
    ['Ça va', 'GSM-7', 5, 1], // Ç is in the basic table
    ['ça va', 'UCS-2', 5, 1], // lower-case ç is not: the whole text goes in UCS-2
    ['مرحبا', 'UCS-2', 5, 1],
    ['ب'.repeat(70), 'UCS-2', 70, 1],
    ['ب'.repeat(71), 'UCS-2', 71, 2], // 67 + 4
    ['ب'.repeat(134), 'UCS-2', 134, 2],
    ['ب'.repeat(135), 'UCS-2', 135, 3],
    ['Привет', 'UCS-2', 6, 1],
    ['ሰላም', 'UCS-2', 3, 1],
    ['OK 👍', 'UCS-2', 5, 1], // the emoji is a surrogate pair: 2 units
  ] as const)('"%s": %s, %i characters, %i SMS', (text, encoding, length, segments) => {
    expect(countSms(text)).toEqual({ encoding, length, segments });
  });
});
