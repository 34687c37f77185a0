import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Audience, ResourceInput } from '../catalog/schema';
import { FRENCH_LEVELS, type FrenchLevel, type Status, type Theme } from '../contracts/vocabulary';
import { asList, coordinates, firstText, htmlToText, importedId, isPlaceholder, normalisePhone, shorten, unique, webUrl } from './common';
import { commune, communesOfPostcode, departmentOfPostcode, normaliseDepartment } from './geo';
import { ImportParseError, type Candidate, type MapContext } from './types';

/**
 * LHEO 2.2 (`http://www.lheo.org/2.2`) and 2.3 (`http://lheo.gouv.fr/2.3`) training offers: every
 * `lheo/offres/formation/action` becomes one `training` resource. Element names follow lheo-gml.xml.
 */

export const LHEO_NAMESPACES = { '2.2': 'http://www.lheo.org/2.2', '2.3': 'http://lheo.gouv.fr/2.3' } as const;
export type LheoVersion = keyof typeof LHEO_NAMESPACES;

/** FORMACODE domains of French-language training (V10–V14) → theme `language`. */
export const LANGUAGE_FORMACODES: Record<string, string> = {
  '15235': 'Français langue étrangère',
  '15226': 'Français appliqué',
  '15217': 'Français commercial',
  '15043': 'Alphabétisation',
  '15040': 'Français mise à niveau',
  '15281': 'Français mise à niveau',
  '15022': 'Lutte contre l’illettrisme',
};
/** Domains for people who cannot read or write → `audience.literacy: "non_readers"`. */
export const LITERACY_FORMACODES = new Set(['15043', '15022']);
/** Other domains with a theme of their own; everything else is `training`. */
const OTHER_FORMACODE_THEMES: Record<string, Theme> = { '15050': 'digital' };

/** `code-public-vise` (FORMACODE publics, V10 and V14). */
export const PUBLIC_CODES = {
  immigrant: '81022',
  newcomer: '81023',
  refugee: '81042',
  everyone: '83056',
  nonReaders: ['81021', '81019'],
  women: ['81018'],
  youth: ['81024', '81032', '81033'],
} as const;
/** Statuses of the publics that restrict an action to migrants (see `audienceOf`). */
const STATUSES_OF_PUBLIC: Record<string, Status[]> = {
  [PUBLIC_CODES.newcomer]: ['bpi', 'newcomer'],
  [PUBLIC_CODES.refugee]: ['bpi', 'temporary_protection'],
};

const TEACHING_MODES = { '0': 'presential', '1': 'mixed', '2': 'distance' } as const;

type Node = Record<string, unknown>;

const REPEATED = new Set([
  'formation', 'action', 'session', 'lieu-de-formation', 'code-FORMACODE', 'code-NSF', 'code-ROME',
  'code-public-vise', 'ligne', 'urlweb', 'numtel', 'contact-formation', 'contact-organisme', 'contact-session',
  'organisme-formateur', 'organisme-financeur', 'certification', 'code-type-formation', 'date-information',
  'langue-formation', 'code-modalite-pedagogique', 'extras', 'extra', 'contact-formateur',
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name, _path, _leaf, isAttribute) => !isAttribute && REPEATED.has(name),
});

/** Decodes a file given as bytes, honouring the encoding of its XML declaration (UTF-8, ISO-8859-1, windows-1252…). */
export function decodeXml(content: string | Buffer): string {
  if (typeof content === 'string') return content;
  const head = content.subarray(0, 200).toString('latin1');
  const encoding = /encoding\s*=\s*["']([^"']+)["']/i.exec(head)?.[1]?.toLowerCase();
  if (!encoding || encoding === 'utf-8' || encoding === 'utf8') return content.toString('utf8');
  try {
    return new TextDecoder(encoding).decode(content);
  } catch {
    throw new ImportParseError('lheo', `unsupported XML encoding "${encoding}"`);
  }
}

/** The text of a node; a placeholder ("-", "Non renseigné"…) is no text. */
function text(node: unknown): string | undefined {
  if (typeof node === 'string') return node.trim() && !isPlaceholder(node) ? node.trim() : undefined;
  if (typeof node === 'number') return String(node);
  if (Array.isArray(node)) return text(node[0]);
  if (node && typeof node === 'object' && '#text' in node) return text((node as Node)['#text']);
  return undefined;
}

function child(node: unknown, ...path: string[]): unknown {
  let current: unknown = node;
  for (const name of path) {
    if (Array.isArray(current)) current = current[0];
    if (!current || typeof current !== 'object') return undefined;
    current = (current as Node)[name];
  }
  return current;
}

function nodes(node: unknown, ...path: string[]): Node[] {
  return asList(child(node, ...path)).filter((n): n is Node => !!n && typeof n === 'object');
}

function texts(node: unknown, ...path: string[]): string[] {
  return unique(asList(child(node, ...path)).map(text).filter((t): t is string => !!t));
}

function attr(node: unknown, name: string): string | undefined {
  return node && typeof node === 'object' ? text((node as Node)[`@${name}`]) : undefined;
}

/** Parses the XML; throws `ImportParseError` when it is not a readable LHEO `offres` document. */
export function parseLheo(content: string | Buffer): { version: LheoVersion | undefined; formations: Node[] } {
  const xml = decodeXml(content);
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new ImportParseError('lheo', `invalid XML at line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg}`);
  let doc: Node;
  try {
    doc = parser.parse(xml) as Node;
  } catch (e) {
    throw new ImportParseError('lheo', `invalid XML: ${(e as Error).message}`);
  }
  if (doc['lheo-index']) throw new ImportParseError('lheo', 'a <lheo-index> file holds only summaries; export the full <lheo> offer');
  if (!('lheo' in doc)) throw new ImportParseError('lheo', 'the root element must be <lheo>');
  const root = doc.lheo;
  // removeNSPrefix drops xmlns attributes: read the namespace from the root start tag itself.
  const ns = /<(?:[\w.-]+:)?lheo[\s>][^>]*?xmlns(?::[\w.-]+)?\s*=\s*["']([^"']+)["']/.exec(xml)?.[1];
  const version = (Object.keys(LHEO_NAMESPACES) as LheoVersion[]).find((v) => LHEO_NAMESPACES[v] === ns);
  if (ns && !version) throw new ImportParseError('lheo', `unknown namespace "${ns}" (expected LHEO 2.2 or 2.3)`);
  const offres = root && typeof root === 'object' ? (root as Node).offres : undefined;
  if (offres === undefined) throw new ImportParseError('lheo', '<lheo> has no <offres>');
  return { version, formations: nodes(offres, 'formation') };
}

/** A parsed `AAAAMMJJ` bound: an ISO day, or unknown (`00000000`) / open (`99999999`). */
type Bound = { kind: 'date'; first: string; last: string } | { kind: 'unknown' };

const pad = (n: number) => String(n).padStart(2, '0');

/** `AAAAMMJJ`, with `AAAAMM00` (month) and `AAAA0000` (year); `00000000` and `99999999` are unknown. */
export function parseLheoDate(raw: string | undefined): Bound | { kind: 'invalid' } {
  if (raw === undefined || raw === '00000000' || raw === '99999999') return { kind: 'unknown' };
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(raw);
  if (!m) return { kind: 'invalid' };
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo === 0 && d === 0) return { kind: 'date', first: `${m[1]}-01-01`, last: `${m[1]}-12-31` };
  if (mo < 1 || mo > 12) return { kind: 'invalid' };
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d === 0) return { kind: 'date', first: `${m[1]}-${m[2]}-01`, last: `${m[1]}-${m[2]}-${pad(days)}` };
  if (d > days) return { kind: 'invalid' };
  const iso = `${m[1]}-${m[2]}-${m[3]}`;
  return { kind: 'date', first: iso, last: iso };
}

const frenchDate = (iso: string) => iso.split('-').reverse().join('/');

interface SessionInfo {
  start?: string;
  end?: string;
}

/** The sessions still useful on `today` (not ended, recruitment not closed), or a reason to reject the action. */
function sessionsOf(action: Node, today: string): { sessions: SessionInfo[] } | { error: string } {
  const all = nodes(action, 'session');
  if (!all.length) return { sessions: [] };
  const current: SessionInfo[] = [];
  let lastEnd: string | undefined;
  let closed = 0;
  for (const [i, session] of all.entries()) {
    const name = attr(session, 'numero') ?? `#${i + 1}`;
    const debutRaw = text(child(session, 'periode', 'debut'));
    const finRaw = text(child(session, 'periode', 'fin'));
    const debut = parseLheoDate(debutRaw);
    const fin = parseLheoDate(finRaw);
    if (debut.kind === 'invalid') return { error: `session ${name}: periode/debut "${debutRaw}" is not a date AAAAMMJJ` };
    if (fin.kind === 'invalid') return { error: `session ${name}: periode/fin "${finRaw}" is not a date AAAAMMJJ` };
    if (debut.kind === 'date' && fin.kind === 'date' && fin.last < debut.first) {
      return { error: `session ${name}: periode ends (${finRaw}) before it starts (${debutRaw})` };
    }
    if (fin.kind === 'date' && fin.last < today) {
      if (!lastEnd || fin.last > lastEnd) lastEnd = fin.last;
      continue;
    }
    const etat = text(child(session, 'etat-recrutement'));
    if (etat === '2' || etat === '3') {
      closed++;
      continue;
    }
    current.push({ start: debut.kind === 'date' ? debut.first : undefined, end: fin.kind === 'date' ? fin.last : undefined });
  }
  if (!current.length) {
    return { error: closed ? 'no session is open for recruitment (etat-recrutement 2 or 3)' : `every session ended before ${today} (last on ${lastEnd})` };
  }
  return { sessions: current.sort((a, b) => (a.start ?? '').localeCompare(b.start ?? '')) };
}

interface Place {
  commune?: string;
  department: string;
  coordinates?: [number, number];
  address?: string;
  city?: string;
}

/** Locates an `adresse`: INSEE code, else postcode; checks the department against the commune. */
function placeOf(adresse: Node, label: string): Place | { error: string } {
  const insee = text(adresse['code-INSEE-commune']);
  const postcode = text(adresse.codepostal);
  const deptRaw = text(adresse.departement);
  const city = text(adresse.ville);
  let communeCode: string | undefined;
  let department: string | undefined;
  if (insee) {
    const info = commune(insee);
    if (!info) return { error: `${label}: unknown code-INSEE-commune "${insee}"` };
    communeCode = info.type === 'commune-actuelle' || info.type === 'arrondissement-municipal' ? info.code : undefined;
    department = info.department;
  } else if (postcode) {
    const candidates = communesOfPostcode(postcode);
    if (candidates.length === 1) communeCode = candidates[0];
    department = departmentOfPostcode(postcode);
  }
  if (deptRaw) {
    const dept = normaliseDepartment(deptRaw);
    if (!dept) return { error: `${label}: unknown departement "${deptRaw}"` };
    if (department && department !== dept) return { error: `${label}: departement "${deptRaw}" does not match commune ${insee ?? postcode}` };
    department = dept;
  }
  if (!department) return { error: `${label}: cannot locate the place (no valid code-INSEE-commune, codepostal or departement)` };
  const geoloc = child(adresse, 'geolocalisation');
  const coords = geoloc ? coordinates(text(child(geoloc, 'latitude')), text(child(geoloc, 'longitude'))) : {};
  if (coords.error) return { error: `${label}: ${coords.error}` };
  const lines = texts(adresse, 'ligne');
  // Without a street line ("-" in real feeds) a postcode and a town are no address to go to.
  const address = lines.length ? [lines.join(', '), [postcode, city].filter(Boolean).join(' ')].filter(Boolean).join(', ') : undefined;
  return { commune: communeCode, department, coordinates: coords.value, address, city };
}

/** `lieu-de-formation` (principal first), else the first session's `adresse-inscription`. */
function placesOf(action: Node): { places: Place[] } | { error: string } {
  const lieux = nodes(action, 'lieu-de-formation').sort((a, b) => Number(attr(b, 'tag') === 'principal') - Number(attr(a, 'tag') === 'principal'));
  const adresses = lieux.length
    ? lieux.map((l, i) => ({ adresse: child(l, 'coordonnees', 'adresse'), label: `lieu-de-formation ${i + 1}` }))
    : nodes(action, 'session').slice(0, 1).map((s) => ({ adresse: child(s, 'adresse-inscription', 'adresse'), label: 'adresse-inscription' }));
  const places: Place[] = [];
  for (const { adresse, label } of adresses) {
    if (!adresse || typeof adresse !== 'object') return { error: `${label}: no <adresse>` };
    const place = placeOf(adresse as Node, label);
    if ('error' in place) return place;
    places.push(place);
  }
  return { places };
}

const CEFR = /\b(A1|A2|B1|B2|C1|C2)\b/g;

/** Audience from publics, FORMACODE domains, entry level and prerequisites (see the module README in the report). */
function audienceOf(action: Node, formation: Node, formacodes: string[], isLanguage: boolean): Audience {
  const codes = texts(action, 'code-public-vise');
  const audience: Audience = {};
  if (codes.length && codes.every((c) => c in STATUSES_OF_PUBLIC)) {
    audience.statuses = unique(codes.flatMap((c) => STATUSES_OF_PUBLIC[c] ?? []));
  }
  const nonReaders =
    formacodes.some((c) => LITERACY_FORMACODES.has(c)) ||
    codes.some((c) => (PUBLIC_CODES.nonReaders as readonly string[]).includes(c)) ||
    (isLanguage && text(formation['code-niveau-entree']) === '2');
  if (nonReaders) audience.literacy = 'non_readers';
  if (codes.length && codes.every((c) => (PUBLIC_CODES.women as readonly string[]).includes(c))) audience.women = true;
  if (codes.length && codes.every((c) => (PUBLIC_CODES.youth as readonly string[]).includes(c))) audience.youth = true;
  if (isLanguage) {
    const prerequisites = [text(action['conditions-specifiques']), text(action['info-public-vise'])].filter(Boolean).join(' ');
    const levels = unique([...prerequisites.matchAll(CEFR)].map((m): FrenchLevel => (m[1] === 'C1' || m[1] === 'C2' ? 'B2' : (m[1] as FrenchLevel))));
    if (nonReaders && !levels.length && formacodes.includes('15043')) levels.push('none');
    if (levels.length) audience.levels = FRENCH_LEVELS.filter((l) => levels.includes(l));
  }
  return audience;
}

function urlOf(node: unknown, ...path: string[]): string | undefined {
  const raw = texts(node, ...path, 'urlweb')[0];
  return raw ? webUrl(raw) : undefined;
}

/**
 * Contact of an action: the formation's contact first, then the organisme's contact and its own coordinates
 * for what the formation's contact lacks (real feeds often fill only the organisme's).
 */
function contactOf(formation: Node, place: Place | undefined, actionUrl: string | undefined) {
  const organisme = child(formation, 'organisme-formation-responsable');
  const sources = [child(formation, 'contact-formation', 'coordonnees'), child(organisme, 'contact-organisme', 'coordonnees'), child(organisme, 'coordonnees-organisme', 'coordonnees')];
  const first = (read: (coordonnees: unknown) => string | undefined) => sources.map(read).find(Boolean);
  const phoneRaw = first((c) => text(child(c, 'telfixe', 'numtel')) ?? text(child(c, 'portable', 'numtel')));
  const email = first((c) => text(child(c, 'courriel')));
  const contact: { url?: string; phone?: string; email?: string; address?: string } = {};
  const url = actionUrl ?? first((c) => urlOf(c, 'web'));
  if (url) contact.url = url;
  if (phoneRaw) contact.phone = normalisePhone(phoneRaw);
  if (email) contact.email = email;
  if (place?.address) contact.address = place.address;
  return contact;
}

/** Maps every action of the file; a bad action becomes a rejection, the others go on. */
export function readLheo(content: string | Buffer, ctx: MapContext & { sourceUrl?: string }): Candidate[] {
  const { version, formations } = parseLheo(content);
  type Entry = { formationRef: string } | { formation: Node; formationRef: string; action: Node; actionRef: string };
  const entries = formations.flatMap((formation, fi): Entry[] => {
    const formationRef = attr(formation, 'numero') ?? attr(formation, 'id') ?? `formation-${fi + 1}`;
    const actions = nodes(formation, 'action');
    // LHEO requires at least one action; a formation without one is reported, not dropped silently.
    if (!actions.length) return [{ formationRef }];
    return actions.map((action, ai) => ({ formation, formationRef, action, actionRef: attr(action, 'numero') ?? attr(action, 'id') ?? `${formationRef}#${ai + 1}` }));
  });
  // `numero` is free text and not guaranteed unique: an action numero shared by several formations is qualified.
  // Twice in one formation is a real duplicate (the second one is rejected).
  const owners = new Map<string, Set<string>>();
  for (const a of entries) if ('actionRef' in a) owners.set(a.actionRef, (owners.get(a.actionRef) ?? new Set()).add(a.formationRef));
  return entries.map((entry): Candidate => {
    if (!('actionRef' in entry)) return { ref: entry.formationRef, reason: 'formation has no <action>: nothing to import (LHEO requires at least one)' };
    const { formation, formationRef, action, actionRef } = entry;
    const ref = (owners.get(actionRef)?.size ?? 0) > 1 ? `${formationRef}/${actionRef}` : actionRef;
    try {
      return mapAction(formation, action, ref, version, ctx);
    } catch (e) {
      return { ref, reason: `unexpected error: ${(e as Error).message}` };
    }
  });
}

function mapAction(formation: Node, action: Node, ref: string, version: LheoVersion | undefined, ctx: MapContext & { sourceUrl?: string }): Candidate {
  const title = firstText(text(formation['intitule-formation']));
  if (!title) return { ref, reason: 'missing intitule-formation (title)' };

  const formacodes = texts(formation, 'domaine-formation', 'code-FORMACODE');
  const isLanguage = formacodes.some((c) => c in LANGUAGE_FORMACODES);
  const themes: Theme[] = unique([
    ...(isLanguage ? (['language'] as Theme[]) : []),
    ...formacodes.map((c) => OTHER_FORMACODE_THEMES[c]).filter((t): t is Theme => !!t),
  ]);
  if (!themes.length) themes.push('training');

  const modeRaw = text(action['modalites-enseignement']) ?? '0';
  const mode = TEACHING_MODES[modeRaw as keyof typeof TEACHING_MODES];
  if (!mode) return { ref, reason: `modalites-enseignement "${modeRaw}" is not 0, 1 or 2` };

  const sessions = sessionsOf(action, ctx.today);
  if ('error' in sessions) return { ref, reason: sessions.error };

  let places: Place[] = [];
  if (mode !== 'distance') {
    const located = placesOf(action);
    if ('error' in located) return { ref, reason: located.error };
    places = located.places;
    if (!places.length) return { ref, reason: 'no lieu-de-formation for a training that is not entirely at a distance' };
  }
  const main = places[0];
  const communes = unique(places.map((p) => p.commune).filter((c): c is string => !!c));
  const departments = unique(places.map((p) => p.department));
  const geography: ResourceInput['geography'] =
    mode === 'distance'
      ? { scope: 'online' }
      : {
          scope: 'local',
          departments,
          ...(communes.length ? { communes } : {}),
          ...(main?.coordinates ? { coordinates: main.coordinates } : {}),
        };

  const organisme = firstText(text(child(formation, 'organisme-formation-responsable', 'raison-sociale')), text(child(formation, 'organisme-formation-responsable', 'nom-organisme')));
  const objective = firstText(text(formation['objectif-formation']), text(formation['contenu-formation']), text(formation['resultats-attendus']));
  const parts: string[] = [];
  if (objective) parts.push(shorten(objective, 300));
  const next = sessions.sessions[0];
  if (next?.start && next.end) parts.push(`Session du ${frenchDate(next.start)} au ${frenchDate(next.end)}.`);
  else if (next?.start) parts.push(`Début le ${frenchDate(next.start)}.`);
  else if (next) parts.push('Entrées et sorties permanentes.');
  if (mode === 'distance') parts.push('Formation entièrement à distance.');
  else if (mode === 'mixed') parts.push('Formation en partie à distance.');
  const where = [organisme, mode !== 'distance' ? main?.city : undefined].filter(Boolean).join(', ');
  if (where) parts.push(`${mode === 'distance' ? 'Organisme' : 'Lieu'} : ${where}.`);
  const summary = parts.join(' ') || title;

  // formation/@href: "lien vers une page HTML décrivant l'offre" (lheo-gml.xml), the offer's own page.
  const href = attr(formation, 'href');
  const actionUrl = urlOf(action, 'url-action') ?? urlOf(formation, 'url-formation') ?? (href ? webUrl(href) : undefined);
  const resource: ResourceInput = {
    id: importedId('lheo', ref),
    kind: 'training',
    title: { fr: htmlToText(title) },
    summary: { fr: summary },
    themes,
    audience: audienceOf(action, formation, formacodes, isLanguage),
    geography,
    contact: contactOf(formation, main, actionUrl),
    source: [actionUrl, ctx.sourceUrl].find((u) => u && /^https?:\/\//i.test(u)) ?? LHEO_NAMESPACES[version ?? '2.3'],
    verifiedOn: ctx.today,
    provenance: { format: 'lheo', ref, importedOn: ctx.today },
  };
  const keywords = unique([...formacodes.map((c) => LANGUAGE_FORMACODES[c]).filter((k): k is string => !!k), ...(organisme ? [organisme] : [])]);
  if (keywords.length) resource.keywords = { fr: keywords };
  return { ref, resource };
}
