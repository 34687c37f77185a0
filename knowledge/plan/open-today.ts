import type { Hours, Weekday } from '../catalog/schema';

/**
 * "Open today" for a place's published hours. The day is the one at the place: overseas departments live in
 * their own time zones (Réunion is three hours ahead of Paris, the Antilles five or six behind), so Monday
 * evening in Paris can already be Tuesday in Saint-Denis de La Réunion.
 */
const TIME_ZONES: Readonly<Record<string, string>> = {
  '971': 'America/Guadeloupe',
  '972': 'America/Martinique',
  '973': 'America/Cayenne',
  '974': 'Indian/Reunion',
  '976': 'Indian/Mayotte',
};

const WEEKDAY_OF: Readonly<Record<string, Weekday>> = { Mon: 'mon', Tue: 'tue', Wed: 'wed', Thu: 'thu', Fri: 'fri', Sat: 'sat', Sun: 'sun' };

const formats = new Map<string, Intl.DateTimeFormat>();

/** The weekday at that moment in the department's time zone (mainland and Corsica: Paris). */
export function weekdayAt(now: Date, department: string | undefined): Weekday {
  const timeZone = (department && TIME_ZONES[department]) || 'Europe/Paris';
  let format = formats.get(timeZone);
  if (!format) formats.set(timeZone, (format = new Intl.DateTimeFormat('en-US', { weekday: 'short', timeZone })));
  return WEEKDAY_OF[format.format(now)]!;
}

/**
 * Today's opening periods ("09:00-12:00"), an empty list when the place is closed today, undefined when its
 * hours are not published (a day left out of published hours is a closed day).
 */
export function openToday(hours: Hours | undefined, now: Date, department: string | undefined): string[] | undefined {
  if (!hours || Object.keys(hours).length === 0) return undefined;
  return hours[weekdayAt(now, department)] ?? [];
}
