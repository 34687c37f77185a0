import type { Hours, OfficeType, ResourceInput, Weekday } from '../catalog/schema';
import { WEEKDAYS } from '../catalog/schema';
import { coordinates, isObject, normalisePhone, type Json } from './common';
import { commune } from './geo';
import { OFFICE_THEMES, officeId, officeSummary, periodsError, publishedName } from './offices';
import { ImportParseError, type Candidate, type MapContext } from './types';

/**
 * DILA's Annuaire de l'administration (api-lannuaire-administration, Licence Ouverte 2.0): the local offices
 * newcomers are sent to become `office` resources. In the live bulk export the nested fields (pivot, adresse,
 * telephone, plage_ouverture, site_internet…) arrive as JSON-encoded strings; the sample has them as arrays:
 * both are read.
 */

export const DILA_DATASET_URL = 'https://www.data.gouv.fr/fr/datasets/service-public-fr-annuaire-de-l-administration-base-de-donnees-locales/';

/**
 * `pivot[].type_service_local` → our office type. caf, cpam, prefecture, sous_pref, mission_locale and
 * pole_emploi are the codes OSM's Osmose analyser of this export reads; ofii, ccas and france_travail are read
 * too, to be checked against a live file.
 */
export const DILA_TYPES: Readonly<Record<string, OfficeType>> = {
  ofii: 'ofii',
  prefecture: 'prefecture',
  sous_pref: 'prefecture',
  caf: 'caf',
  cpam: 'cpam',
  mission_locale: 'mission_locale',
  ccas: 'ccas',
  pole_emploi: 'france_travail',
  france_travail: 'france_travail',
  cg: 'conseil_departemental',
};

const DAYS: Record<string, Weekday> = { lundi: 'mon', mardi: 'tue', mercredi: 'wed', jeudi: 'thu', vendredi: 'fri', samedi: 'sat', dimanche: 'sun' };

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/** A nested field: an array as published, or the JSON string the bulk export holds; '' and null are empty. */
function nested(record: Json, field: string): { value: Json[]; error?: string } {
  let v = record[field];
  if (v === undefined || v === null || v === '') return { value: [] };
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v);
    } catch {
      return { value: [], error: `${field} is neither a list nor a JSON-encoded list` };
    }
  }
  if (!Array.isArray(v)) return { value: [], error: `${field} is not a list` };
  return { value: v.filter(isObject) };
}

/** The file: an array of records, the bulk export's `{"service": [...]}` or an API page's `{"results": [...]}`. */
export function parseDilaAnnuaire(content: string | Buffer): Json[] {
  let doc: unknown;
  try {
    doc = JSON.parse(typeof content === 'string' ? content : content.toString('utf8'));
  } catch (e) {
    throw new ImportParseError('dila-annuaire', `invalid JSON: ${(e as Error).message}`);
  }
  if (isObject(doc)) doc = doc.service ?? doc.results;
  if (!Array.isArray(doc)) throw new ImportParseError('dila-annuaire', 'expected an array of records, {"service": [...]} or {"results": [...]}');
  return doc.map((d) => (isObject(d) ? d : {}));
}

/** `plage_ouverture` → hours by weekday; a range "Lundi"–"Vendredi" covers the days between. */
function hoursOf(plages: Json[]): { hours: Hours; error?: string } {
  const hours: Hours = {};
  for (const plage of plages) {
    const first = DAYS[(str(plage.nom_jour_debut) ?? '').toLowerCase()];
    const last = DAYS[(str(plage.nom_jour_fin) ?? str(plage.nom_jour_debut) ?? '').toLowerCase()];
    // Public holidays ("jours_feries") are not weekdays: left out.
    if (!first || !last) continue;
    const periods: string[] = [];
    for (const n of [1, 2]) {
      const open = str(plage[`valeur_heure_debut_${n}`]);
      const close = str(plage[`valeur_heure_fin_${n}`]);
      if (!open && !close) continue;
      periods.push(`${(open ?? '').slice(0, 5)}-${(close ?? '').slice(0, 5)}`);
    }
    const error = periodsError(periods);
    if (error) return { hours, error: `plage_ouverture ${str(plage.nom_jour_debut)}: ${error}` };
    if (!periods.length) continue;
    for (let d = WEEKDAYS.indexOf(first); d <= WEEKDAYS.indexOf(last); d++) hours[WEEKDAYS[d]!] = [...(hours[WEEKDAYS[d]!] ?? []), ...periods];
  }
  return { hours };
}

/** "09/08/2023 13:30:19" → "2023-08-09". */
function isoOfFrenchDate(raw: string | undefined): string | undefined {
  const m = raw ? /^(\d{2})\/(\d{2})\/(\d{4})/.exec(raw) : null;
  return m ? `${m[3]}-${m[2]}-${m[1]}` : undefined;
}

function mapRecord(record: Json, ref: string, today: string): Candidate {
  const id = officeId('dila-annuaire', ref);
  if (!id) return { ref, reason: `id "${ref}" is not a plain reference` };
  if (str(record.statut_de_diffusion) === 'false') return { ref, reason: 'not published (statut_de_diffusion is false)' };
  const fields: Record<string, Json[]> = {};
  for (const field of ['pivot', 'adresse', 'telephone', 'plage_ouverture', 'site_internet']) {
    const { value, error } = nested(record, field);
    if (error) return { ref, reason: error };
    fields[field] = value;
  }
  const types = fields.pivot!.map((p) => str(p.type_service_local)).filter((t): t is string => !!t);
  const pivot = fields.pivot!.find((p) => DILA_TYPES[str(p.type_service_local) ?? '']);
  const office = pivot && DILA_TYPES[str(pivot.type_service_local)!];
  if (!pivot || !office) {
    return { ref, reason: types.length ? `type ${types.join(', ')} is not an office type the plans use (${Object.keys(DILA_TYPES).join(', ')})` : 'no pivot type_service_local' };
  }
  const name = str(record.nom);
  if (!name) return { ref, reason: 'missing nom' };
  const verifiedOn = isoOfFrenchDate(str(record.date_modification));
  if (!verifiedOn) return { ref, reason: `date_modification "${String(record.date_modification ?? '')}" is not a date JJ/MM/AAAA` };

  const adresse = fields.adresse!.find((a) => str(a.type_adresse) === 'Adresse') ?? fields.adresse![0];
  const street = adresse && [str(adresse.complement1), str(adresse.complement2), str(adresse.numero_voie)].filter(Boolean).join(', ');
  if (!adresse || !street) return { ref, reason: 'no street address (adresse[].numero_voie)' };
  const insee = str(record.code_insee_commune) ?? (Array.isArray(pivot.code_insee_commune) ? str(pivot.code_insee_commune[0]) : undefined);
  const place = insee ? commune(insee) : undefined;
  if (!place) return { ref, reason: insee ? `code_insee_commune "${insee}" is not a known commune` : 'missing code_insee_commune' };
  if (!/^(\d{2}|2[AB]|97[1-6])$/.test(place.department)) return { ref, reason: `commune ${place.code} is not in one of the 101 departments` };
  const coords = coordinates(adresse.latitude, adresse.longitude);
  if (coords.error) return { ref, reason: coords.error };
  const { hours, error } = hoursOf(fields.plage_ouverture!);
  if (error) return { ref, reason: error };

  const phone = str(fields.telephone![0]?.valeur);
  const website = str(fields.site_internet![0]?.valeur);
  const page = str(record.url_service_public);
  const resource: ResourceInput = {
    id,
    kind: 'service',
    office,
    title: publishedName(name),
    summary: officeSummary('dila', hours, verifiedOn),
    themes: OFFICE_THEMES[office],
    geography: { scope: 'local', communes: [place.code], departments: [place.department], ...(coords.value ? { coordinates: coords.value } : {}) },
    contact: {
      address: `${street}, ${[str(adresse.code_postal), str(adresse.nom_commune)].filter(Boolean).join(' ')}`,
      ...(phone ? { phone: normalisePhone(phone) } : {}),
      ...(website && /^https?:\/\//.test(website) ? { url: website } : {}),
    },
    ...(Object.keys(hours).length ? { hours } : {}),
    source: page && /^https:\/\/lannuaire\.service-public\.(fr|gouv\.fr)\//.test(page) ? page : DILA_DATASET_URL,
    verifiedOn,
    provenance: { format: 'dila-annuaire', ref, importedOn: today },
  };
  return { ref, resource };
}

export function readDilaAnnuaire(content: string | Buffer, ctx: MapContext): Candidate[] {
  return parseDilaAnnuaire(content).map((record, i) => {
    const ref = str(record.id) ?? `#${i + 1}`;
    try {
      return mapRecord(record, ref, ctx.today);
    } catch (e) {
      return { ref, reason: `unexpected error: ${(e as Error).message}` };
    }
  });
}
