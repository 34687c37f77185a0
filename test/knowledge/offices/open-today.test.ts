import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CURATED_DIR, loadCatalog } from '../../../knowledge/catalog/load';
import { ProfileSchema, type ProfileInput } from '../../../knowledge/contracts/profile';
import { ResultSchema } from '../../../knowledge/contracts/result';
import { mapFile } from '../../../knowledge/import';
import { buildIndex } from '../../../knowledge/index/build';
import { recommend } from '../../../knowledge/index/recommend';
import { createEngine } from '../../../knowledge/orient';
import { openToday, weekdayAt } from '../../../knowledge/plan/open-today';
import { planMessages } from '../../../dialogs/plan-messages';
import { textsFor } from '../../../dialogs/i18n';

/** Issue 10: a place's card says whether it is open today, and when, on the day at the place. */

const CSV = join(__dirname, '..', '..', '..', '..', 'shared', 'data', 'france_services_liste-fs-20240801.csv');
const offices = mapFile({ format: 'france-services', content: readFileSync(CSV), today: '2026-11-27', dataDate: '2024-08-01' }).resources;
const index = buildIndex([...loadCatalog([CURATED_DIR]).resources, ...offices]);
const engineAt = (iso: string) => createEngine({ today: () => new Date(iso), recommend: (input) => recommend(index, input) });
const LIMOGES: ProfileInput = { status: 'bpi', statusSince: '2026-06', location: { postcode: '87000' }, needs: ['rights'] };
const doorsOf = (iso: string, profile: ProfileInput) => {
  const result = engineAt(iso).orient(ProfileSchema.parse(profile), 'fr');
  expect(ResultSchema.parse(result)).toEqual(result);
  return { result, doors: result.recommendations.filter((r) => r.id.startsWith('france-services/')) };
};

describe('the day at the place', () => {
  it('is Paris time in mainland France and Corsica, local time overseas', () => {
    // Monday 23 November 2026, 22:30 in Paris: already Tuesday 01:30 in Saint-Denis de La Réunion, still Monday
    // 17:30 in Guadeloupe; Tuesday 02:00 UTC is still Monday evening in Cayenne.
    const mondayEvening = new Date('2026-11-23T21:30:00Z');
    expect(weekdayAt(mondayEvening, '87')).toBe('mon');
    expect(weekdayAt(mondayEvening, '2A')).toBe('mon');
    expect(weekdayAt(mondayEvening, '974')).toBe('tue');
    expect(weekdayAt(mondayEvening, '976')).toBe('tue');
    expect(weekdayAt(mondayEvening, '971')).toBe('mon');
    expect(weekdayAt(new Date('2026-11-24T02:00:00Z'), '973')).toBe('mon');
    expect(weekdayAt(mondayEvening, undefined)).toBe('mon');
  });

  it('gives the periods of that day, none on a closed day, nothing when hours are not published', () => {
    const hours = { mon: ['09:00-12:00', '13:30-17:00'], sat: ['09:00-12:00'] };
    expect(openToday(hours, new Date('2026-11-23T10:00:00Z'), '87')).toEqual(['09:00-12:00', '13:30-17:00']);
    expect(openToday(hours, new Date('2026-11-24T10:00:00Z'), '87')).toEqual([]);
    expect(openToday(undefined, new Date('2026-11-24T10:00:00Z'), '87')).toBeUndefined();
    expect(openToday({}, new Date('2026-11-24T10:00:00Z'), '87')).toBeUndefined();
  });
});

describe('in a plan', () => {
  it("each France services door carries its week and today's hours (Monday in Limoges)", () => {
    const { doors } = doorsOf('2026-11-23T09:00:00Z', LIMOGES);
    expect(doors.length).toBeGreaterThan(0);
    for (const door of doors) {
      expect(door.hours).toBeDefined();
      expect(door.openToday).toEqual(door.hours!.mon ?? []);
    }
    expect(doors.some((d) => d.openToday!.length > 0)).toBe(true);
  });

  it('puts the nearest door on the first screen, and its card says "open today" or "closed today"', () => {
    const monday = doorsOf('2026-11-23T09:00:00Z', LIMOGES);
    const open = monday.doors.find((d) => d.openToday!.length > 0)!;
    const cards = (iso: string) => {
      const { result } = doorsOf(iso, LIMOGES);
      return JSON.stringify(planMessages(result, ['rights'], textsFor('fr')).concat());
    };
    expect(cards('2026-11-23T09:00:00Z')).toContain(`📍 ${open.address}\\n🕘 Ouvert aujourd'hui : ${open.openToday!.join(', ')}`);
    const sunday = doorsOf('2026-11-29T09:00:00Z', LIMOGES);
    expect(sunday.doors.every((d) => d.openToday!.length === 0)).toBe(true);
    expect(cards('2026-11-29T09:00:00Z')).toContain("🕘 Fermé aujourd'hui");
  });

  it('places without published hours say nothing about today', () => {
    const { result } = doorsOf('2026-11-23T09:00:00Z', LIMOGES);
    for (const r of result.recommendations.filter((x) => !x.id.startsWith('france-services/'))) expect(r.openToday).toBeUndefined();
  });
});
