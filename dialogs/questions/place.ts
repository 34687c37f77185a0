import { communesBySound, departmentName, resolveLocation, type GeoResolution } from '../../knowledge/geo';
import { answer } from '../draft';
import { asciiDigits } from '../understanding/normalize';
import { locationQueryOf, placeFromSentence, withoutLocative } from '../understanding/place-text';
import { asking, choice, type Question } from './question';

export interface PlaceCandidate {
  inseeCode: string;
  name: string;
  department: string;
}

/** A button title fits in 20 characters (Web Chat shows a plain list otherwise). */
export function placeTitle(c: PlaceCandidate): string {
  const suffix = ` (${c.department})`;
  const room = 20 - suffix.length;
  return `${c.name.length > room ? `${c.name.slice(0, room - 1)}…` : c.name}${suffix}`;
}

/** A typed place; ambiguous names become buttons (placeChoice), unknown ones are asked again. */
export const location: Question = {
  options: ({ texts }) => asking(texts, texts.t('q.location'), [choice(texts, 'skip', 'choice.skip')], 'text'),
  async apply({ draft, result, texts, context }) {
    if (result.kind !== 'text') {
      answer(draft, 'location');
      await context.sendActivity(texts.t('place.skipped'));
      return;
    }
    const { location: found } = findPlace(asciiDigits(result.text));
    if (found.status === 'ambiguous') {
      // The person's likely department first: mainland before overseas, then the largest town.
      const overseas = (d: string) => (d.startsWith('97') ? 1 : 0);
      const ranked = [...found.candidates].sort((a, b) => overseas(a.department) - overseas(b.department));
      const candidates = ranked.slice(0, 6).map((c) => ({ inseeCode: c.inseeCode, name: c.name, department: c.department }));
      return { mode: 'placeChoice', candidates };
    }
    if (found.status !== 'resolved') return { mode: 'location', notice: texts.t('place.notFound') };
    draft.profile.location = found.inseeCode ? { inseeCode: found.inseeCode } : found.postcode ? { postcode: found.postcode } : { department: found.department };
    answer(draft, 'location');
    const place = found.commune ? `${found.commune} (${found.department})` : (found.postcode ?? found.department);
    await context.sendActivity(texts.t('place.found', { place }));
  },
};

export const placeChoice: Question = {
  // Buttons are short ("Saint-Denis (93)"): the question names each department in full.
  options: ({ texts, candidates = [] }) =>
    asking(texts, [texts.t('q.placeChoice'), ...candidates.map((c) => `- ${c.name} — ${departmentName(c.department) ?? c.department} (${c.department})`)].join('\n'), [
      ...candidates.map((c) => {
        const title = placeTitle(c);
        return { value: c.inseeCode, title, terms: [title, `${c.name} ${c.department}`, c.inseeCode] };
      }),
      choice(texts, 'skip', 'choice.skip'),
    ]),
  async apply({ draft, value, candidates, texts, context }) {
    const chosen = candidates?.find((c) => c.inseeCode === value);
    answer(draft, 'location');
    if (!chosen) return;
    draft.profile.location = { inseeCode: chosen.inseeCode };
    await context.sendActivity(texts.t('place.found', { place: `${chosen.name} (${chosen.department})` }));
  },
};

/**
 * A typed place: a postcode, a department number, or a town's name, also inside a sentence ("j'habite à
 * Saint-Denis"), in a Russian or Ukrainian case ("в Ліоні"), or written in another script ("ليون").
 */
function findPlace(text: string): GeoResolution {
  const said = text.trim();
  const written = locationQueryOf(said);
  if (written.commune === undefined) return resolveLocation(written);
  const place = placeFromSentence(said).slice(0, 100) || said.slice(0, 100);
  const postcode = /\b(\d{5})\b/.exec(place)?.[1];
  if (postcode) return resolveLocation({ postcode });
  for (const name of [place, withoutLocative(place)]) {
    if (!name) continue;
    const found = resolveLocation({ commune: name });
    if (found.location.status !== 'not_found') return found;
    const sounding = communesBySound(name).slice(0, 4);
    // One town, or one far larger than the others that sound alike (Lyon, not Laon): that one.
    const [first, second] = sounding;
    if (first && (!second || (first.population ?? 0) >= 4 * (second.population ?? 0))) return resolveLocation({ inseeCode: first.inseeCode });
    if (sounding.length > 1) {
      return { location: { status: 'ambiguous', query: name, candidates: sounding.map((c) => ({ inseeCode: c.inseeCode, name: c.name, department: c.department, postcodes: c.postcodes })) } };
    }
  }
  return resolveLocation({ commune: place });
}
