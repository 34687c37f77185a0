import type { Hours, ResourceInput, Weekday } from '../catalog/schema';
import { coordinates, normalisePhone } from './common';
import { commune } from './geo';
import { OFFICE_THEMES, officeId, officeSummary, periodsError, publishedName } from './offices';
import { ImportParseError, type Candidate, type MapContext } from './types';

/**
 * ANCT's list of France services sites (data.gouv.fr "Liste des structures France services", CSV, Licence
 * Ouverte 2.0): each site becomes one local `office` resource with its address, phone, coordinates and opening
 * hours. The file carries no date of its own: the caller gives it (`dataDate`), and it dates every record.
 */

export const FRANCE_SERVICES_DATASET_URL = 'https://www.data.gouv.fr/fr/datasets/liste-des-structures-france-services/';

const COLUMNS = ['id_fs', 'insee_dep', 'lib_fs', 'adresse', 'complement_adresse', 'insee_com', 'code_postal', 'lib_com', 'latitude', 'longitude', 'telephone'] as const;
const DAY_COLUMNS: [string, Weekday][] = [
  ['h_lundi', 'mon'],
  ['h_mardi', 'tue'],
  ['h_mercredi', 'wed'],
  ['h_jeudi', 'thu'],
  ['h_vendredi', 'fri'],
  ['h_samedi', 'sat'],
  ['h_dimanche', 'sun'],
];
/** `format_fs` values of sites that move: their address is a base, not where people meet them. */
const MOBILE_FORMATS = new Set(['Bus_équivalent', 'Itinérante']);
/** The 101 departments the catalog covers (Saint-Martin, 978, is in the list but is not one). */
const DEPARTMENT = /^(\d{2}|2[AB]|97[1-6])$/;

/** RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks. Throws on an unclosed quote. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRow = () => {
    row.push(field);
    field = '';
    if (row.length > 1 || row[0] !== '') rows.push(row);
    row = [];
  };
  for (; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch !== '"') field += ch;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRow();
    } else field += ch;
  }
  if (quoted) throw new ImportParseError('france-services', 'a quoted field is never closed');
  endRow();
  return rows;
}

/** The rows as objects keyed by the header; throws when a column the importer needs is missing. */
export function parseFranceServices(content: string | Buffer): Record<string, string>[] {
  const [header, ...rows] = parseCsv(typeof content === 'string' ? content : content.toString('utf8'));
  const missing = COLUMNS.filter((c) => !header?.includes(c));
  if (!header || missing.length) throw new ImportParseError('france-services', `not the France services list: missing column(s) ${missing.join(', ')}`);
  return rows.map((cells) => Object.fromEntries(header.map((name, i) => [name, (cells[i] ?? '').trim()])));
}

/**
 * "09:00 - 12:00 / 13:30 - 17:00" → ["09:00-12:00", "13:30-17:00"]; "" → no periods (closed, or not said).
 * The list's placeholder "00:00 - 00:00" and a period repeated as is are dropped; what still does not read as
 * periods in order is an error.
 */
export function parseDayHours(raw: string): { periods: string[]; error?: string } {
  const periods = [...new Set(raw.split('/').map((p) => p.replace(/\s+/g, '')).filter((p) => p && p !== '00:00-00:00'))];
  const error = periodsError(periods);
  return error ? { periods: [], error: `"${raw}": ${error}` } : { periods };
}

/**
 * Opening hours by weekday. One unreadable day makes the whole week unknown rather than wrong: the site is still
 * imported (its address and phone are good) and its summary says to call first.
 */
export function hoursOf(row: Record<string, string>): Hours {
  const hours: Hours = {};
  for (const [column, day] of DAY_COLUMNS) {
    const { periods, error } = parseDayHours(row[column] ?? '');
    if (error) return {};
    if (periods.length) hours[day] = periods;
  }
  return hours;
}

function mapSite(row: Record<string, string>, ref: string, dataDate: string): Candidate {
  const id = officeId('france-services', ref);
  if (!id) return { ref, reason: `id_fs "${ref}" is not a plain reference` };
  const name = row.lib_fs;
  if (!name) return { ref, reason: 'missing lib_fs (name)' };
  const place = commune(row.insee_com ?? '');
  if (!place) return { ref, reason: `insee_com "${row.insee_com}" is not a known commune` };
  if (!DEPARTMENT.test(place.department)) return { ref, reason: `insee_com ${place.code} is not in one of the 101 departments (department ${place.department})` };
  const coords = coordinates(row.latitude, row.longitude);
  if (!coords.value) return { ref, reason: coords.error ?? 'missing latitude and longitude (needed for the distance)' };
  const street = [row.adresse, row.complement_adresse].filter(Boolean).join(', ');
  if (!street) return { ref, reason: 'missing adresse' };
  const hours = hoursOf(row);

  const resource: ResourceInput = {
    id,
    kind: 'service',
    office: 'france_services',
    title: publishedName(name),
    summary: officeSummary('franceServices', hours, dataDate, { mobile: MOBILE_FORMATS.has(row.format_fs ?? ''), ...(row.commentaire ? { frenchNote: row.commentaire } : {}) }),
    themes: OFFICE_THEMES.france_services,
    // The commune's own department: a site over the border of the department that lists it is where its commune is.
    geography: { scope: 'local', communes: [place.code], departments: [place.department], coordinates: coords.value },
    contact: {
      address: `${street}, ${[row.code_postal, row.lib_com].filter(Boolean).join(' ')}`.replace(/\s+/g, ' '),
      ...(row.telephone ? { phone: normalisePhone(row.telephone) } : {}),
    },
    ...(Object.keys(hours).length ? { hours } : {}),
    source: FRANCE_SERVICES_DATASET_URL,
    verifiedOn: dataDate,
    provenance: { format: 'france-services', ref, importedOn: dataDate },
  };
  return { ref, resource };
}

export function readFranceServices(content: string | Buffer, ctx: MapContext): Candidate[] {
  const { dataDate } = ctx;
  if (!dataDate) throw new ImportParseError('france-services', 'the list carries no date of its own: give the date of the file (e.g. 2024-08-01 for liste-fs-20240801.csv)');
  return parseFranceServices(content).map((row, i) => mapSite(row, row.id_fs || `#${i + 1}`, dataDate));
}
