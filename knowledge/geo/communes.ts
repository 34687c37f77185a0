/**
 * The current communes (`commune-actuelle`) of the official geography, with lookups by INSEE code
 * (old, delegated and arrondissement codes included), by postcode and by normalised name.
 */
import { compactName, normaliseInseeCode, normaliseName, normalisePostcode } from './normalize';
import { readCommunes } from './sources';

export interface Commune {
  inseeCode: string;
  name: string;
  department: string;
  region: string;
  postcodes: string[];
  population?: number;
}

/** A municipal arrondissement of Paris, Lyon or Marseille, resolved to its parent commune. */
export interface Arrondissement {
  inseeCode: string;
  name: string;
  parent: string;
  postcodes: string[];
}

export interface CommuneIndex {
  /** Current communes by INSEE code. */
  communes: Map<string, Commune>;
  /** Any other code (old code, delegated/associated commune, arrondissement) → current commune code. */
  aliases: Map<string, string>;
  /** Postcode → current communes carrying it (sorted by population, largest first). */
  byPostcode: Map<string, Commune[]>;
  /** Normalised and compact names of current communes → communes. */
  byName: Map<string, Commune[]>;
  /** Normalised and compact names of delegated/associated communes → the current communes they belong to. */
  byFormerName: Map<string, Commune[]>;
  /** "paris 15", "lyon 3", "marseille 1" → arrondissement. */
  arrondissements: Map<string, Arrondissement>;
  /** Arrondissement INSEE code → arrondissement. */
  arrondissementsByCode: Map<string, Arrondissement>;
  /** Current communes by department code. */
  byDepartment: Map<string, Commune[]>;
  /** Normalised name of each current commune, by INSEE code. */
  normalised: Map<string, string>;
}

let cache: CommuneIndex | undefined;

/** "Paris 15e Arrondissement", "paris 15eme", "Marseille 1er", "Lyon 3" → ["paris", "15"]. */
export function parseArrondissement(normalised: string): [string, string] | undefined {
  const m = /^(paris|lyon|marseille) (\d{1,2})(?:e|er|re|eme|ieme|em)?(?: arr| arrdt| arrondissement)?$/.exec(normalised);
  if (!m || m[1] === undefined || m[2] === undefined) return undefined;
  return [m[1], String(Number(m[2]))];
}

export function byPopulation(a: Commune, b: Commune): number {
  return (b.population ?? -1) - (a.population ?? -1) || (a.inseeCode < b.inseeCode ? -1 : a.inseeCode > b.inseeCode ? 1 : 0);
}

/** Appends to the list under `key`; `unique` skips a value already there (short lists only). */
function push<K, V>(map: Map<K, V[]>, key: K, value: V, unique = false): void {
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (!unique || !list.includes(value)) list.push(value);
}

export function communeIndex(): CommuneIndex {
  if (cache) return cache;
  const raw = readCommunes();
  const communes = new Map<string, Commune>();
  const byPostcode = new Map<string, Commune[]>();
  const byName = new Map<string, Commune[]>();
  const byDepartment = new Map<string, Commune[]>();
  const normalised = new Map<string, string>();
  for (const r of raw) {
    if (r.type !== 'commune-actuelle') continue;
    const c: Commune = {
      inseeCode: r.code,
      name: r.nom,
      department: r.departement,
      region: r.region,
      postcodes: [...(r.codesPostaux ?? [])],
    };
    if (typeof r.population === 'number') c.population = r.population;
    communes.set(c.inseeCode, c);
    for (const p of c.postcodes) push(byPostcode, p, c);
    const n = normaliseName(c.name);
    normalised.set(c.inseeCode, n);
    push(byName, n, c, true);
    push(byName, compactName(n), c, true);
    push(byDepartment, c.department, c);
  }

  const aliases = new Map<string, string>();
  const byFormerName = new Map<string, Commune[]>();
  const arrondissements = new Map<string, Arrondissement>();
  const arrondissementsByCode = new Map<string, Arrondissement>();
  for (const r of raw) {
    if (r.type === 'commune-actuelle') {
      for (const old of r.anciensCodes ?? []) if (!communes.has(old)) aliases.set(old, r.code);
      continue;
    }
    const parent = r.type === 'arrondissement-municipal' ? r.commune : r.chefLieu;
    if (parent === undefined || !communes.has(parent)) continue;
    if (!communes.has(r.code) && !aliases.has(r.code)) aliases.set(r.code, parent);
    const n = normaliseName(r.nom);
    if (r.type === 'arrondissement-municipal') {
      const a: Arrondissement = { inseeCode: r.code, name: r.nom, parent, postcodes: [...(r.codesPostaux ?? [])] };
      arrondissementsByCode.set(r.code, a);
      const key = parseArrondissement(n);
      if (key) arrondissements.set(key.join(' '), a);
    } else {
      const target = communes.get(parent);
      if (target) {
        push(byFormerName, n, target, true);
        push(byFormerName, compactName(n), target, true);
      }
    }
  }

  for (const list of [...byPostcode.values(), ...byName.values(), ...byFormerName.values(), ...byDepartment.values()]) {
    list.sort(byPopulation);
  }
  cache = { communes, aliases, byPostcode, byName, byFormerName, arrondissements, arrondissementsByCode, byDepartment, normalised };
  return cache;
}

/** The current INSEE code for a current, old, delegated, associated or arrondissement code. */
export function currentCode(inseeCode: string): string | undefined {
  const idx = communeIndex();
  const code = normaliseInseeCode(inseeCode);
  if (idx.communes.has(code)) return code;
  return idx.aliases.get(code);
}

/**
 * The current commune for an INSEE code. Old codes (merged communes), delegated or associated
 * communes and municipal arrondissements (75115) give the current commune they belong to.
 */
export function getCommune(inseeCode: string): Commune | undefined {
  const code = currentCode(inseeCode);
  if (code === undefined) return undefined;
  const c = communeIndex().communes.get(code);
  return c ? { ...c, postcodes: [...c.postcodes] } : undefined;
}

/** Current communes carrying a postcode, largest first (empty when unknown). */
export function communesOfPostcode(postcode: string): readonly Commune[] {
  return communeIndex().byPostcode.get(normalisePostcode(postcode)) ?? [];
}
