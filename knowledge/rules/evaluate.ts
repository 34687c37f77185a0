import type { EligibilityStatus, OfiiTrack, Program } from '../contracts/vocabulary';
import type { Facts } from './facts';
import type { Condition, Rule } from './schema';

/** The one interpreter of the rule files: three-valued, explaining, with no per-program code. */

export type Params = Record<string, string | number | boolean>;
export interface ReasonCode {
  code: string;
  params?: Params;
}
export interface Decision {
  program: Program;
  status: EligibilityStatus;
  track?: OfiiTrack;
  reasons: ReasonCode[];
  /** Profile fields whose answer would settle a `maybe`. */
  ask: string[];
  sources: string[];
  checkedOn: string;
}

type Raw = { value: 'true' | 'false' | 'missing'; params: Params; ask?: string; askCode?: string };
type Outcome = { result: 'pass' | 'fail' | 'unknown'; reason?: ReasonCode; ask?: string };

const FIELD_OF: Record<Condition['kind'], string> = {
  statusIn: 'status',
  protectionIn: 'protection',
  sinceStatus: 'statusSince',
  sinceArrival: 'inFranceSince',
  ageBetween: 'age',
  departmentNotIn: 'location',
  departmentIn: 'location',
  levelIn: 'frenchLevel',
  flag: '',
};

function fieldOf(c: Condition): string {
  return c.kind === 'flag' ? c.field : FIELD_OF[c.kind];
}

function boolOf(b: boolean): Raw['value'] {
  return b ? 'true' : 'false';
}

/** Month precision: in the limit month itself only the day on the document decides. */
function withinMonths(c: { minMonths?: number; maxMonths?: number }, months: number): Raw {
  const params: Params = { months };
  const edge = { value: 'missing' as const, params, askCode: 'ask.status_date_exact' };
  if (c.maxMonths !== undefined) {
    if (months > c.maxMonths) return { value: 'false', params };
    if (months === c.maxMonths) return edge;
  }
  if (c.minMonths !== undefined) {
    if (months < c.minMonths) return { value: 'false', params };
    if (months === c.minMonths) return edge;
  }
  return { value: 'true', params };
}

/** Reads the fact a condition needs and says whether it holds, is false, or is not known. */
function read(c: Condition, f: Facts): Raw {
  switch (c.kind) {
    case 'statusIn':
      return f.status === undefined
        ? { value: 'missing', params: {} }
        : { value: boolOf(c.statuses.includes(f.status)), params: { status: f.status } };
    case 'protectionIn':
      return f.protection === undefined
        ? { value: 'missing', params: {} }
        : { value: boolOf(c.protections.includes(f.protection)), params: { protection: f.protection } };
    case 'levelIn':
      return f.level === undefined
        ? { value: 'missing', params: {} }
        : { value: boolOf(c.levels.includes(f.level)), params: { level: f.level } };
    case 'departmentNotIn':
      return f.department === undefined
        ? { value: 'missing', params: {} }
        : { value: boolOf(!c.codes.includes(f.department)), params: { department: f.department } };
    case 'departmentIn':
      return f.department === undefined
        ? { value: 'missing', params: {} }
        : { value: boolOf(c.codes.includes(f.department)), params: { department: f.department } };
    case 'flag': {
      const actual = f[c.field];
      return actual === undefined ? { value: 'missing', params: {} } : { value: boolOf(actual === c.equals), params: {} };
    }
    case 'ageBetween': {
      const params: Params = { min: c.min, max: c.max };
      if (c.maxWithDisability !== undefined) params.maxWithDisability = c.maxWithDisability;
      if (f.age === undefined) return { value: 'missing', params };
      params.age = f.age;
      if (f.age < c.min) return { value: 'false', params };
      if (f.age <= c.max) return { value: 'true', params };
      if (c.maxWithDisability === undefined || f.age > c.maxWithDisability) return { value: 'false', params };
      // Inside the extension band only a recognised disability decides.
      if (f.disability === undefined) return { value: 'missing', params, ask: 'disability' };
      return { value: boolOf(f.disability), params };
    }
    case 'sinceStatus': {
      const months = f.monthsSinceStatus;
      if (months === undefined || f.calendarYearsSinceStatus === undefined) return { value: 'missing', params: {} };
      if (c.maxCalendarYears !== undefined && f.calendarYearsSinceStatus > c.maxCalendarYears) return { value: 'false', params: { months } };
      return withinMonths(c, months);
    }
    case 'sinceArrival': {
      if (f.monthsInFrance !== undefined) return withinMonths(c, f.monthsInFrance);
      // A floor settles "more than N months" and "not within N months"; anything else needs the arrival.
      const floor = f.monthsInFranceAtLeast;
      if (floor !== undefined && c.maxMonths !== undefined && floor > c.maxMonths) return { value: 'false', params: { months: floor } };
      if (floor !== undefined && c.maxMonths === undefined && c.minMonths !== undefined && floor > c.minMonths) return { value: 'true', params: {} };
      return { value: 'missing', params: {} };
    }
  }
}

export function failCodeOf(program: Program, c: Condition): string {
  return c.failCode ?? `${program}.${c.kind === 'flag' ? c.field : c.kind}`;
}

export function askCodeOf(c: Condition, ask: string = fieldOf(c)): string {
  return c.askCode ?? `ask.${ask}`;
}

function judge(program: Program, c: Condition, f: Facts): Outcome {
  const raw = read(c, f);
  const failReason = { code: failCodeOf(program, c), params: raw.params };
  if (raw.value === 'true') return { result: 'pass' };
  if (raw.value === 'false') {
    return c.whenFalse === 'maybe' ? { result: 'unknown', reason: failReason } : { result: 'fail', reason: failReason };
  }
  const ask = raw.ask ?? fieldOf(c);
  switch (c.whenUnknown ?? 'maybe') {
    case 'pass':
      return { result: 'pass' };
    case 'fail':
      return { result: 'fail', reason: failReason };
    default:
      return { result: 'unknown', reason: { code: raw.askCode ?? askCodeOf(c, ask), params: raw.params }, ask };
  }
}

function uniqueBy<T>(items: T[], key: (t: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((t) => !seen.has(key(t)) && seen.add(key(t)));
}

export function evaluate(rule: Rule, facts: Facts): Decision {
  const base = { program: rule.program, sources: rule.sources, checkedOn: rule.checkedOn };
  const caveats: ReasonCode[] = (rule.notModeled ?? []).map((code) => ({ code }));
  const firstFails: ReasonCode[] = [];
  for (const { when, then } of rule.cases) {
    const outcomes = when.map((c) => judge(rule.program, c, facts));
    const failed = outcomes.find((o) => o.result === 'fail');
    if (failed) {
      if (failed.reason) firstFails.push(failed.reason);
      continue;
    }
    const open = outcomes.filter((o) => o.result === 'unknown');
    if (open.length === 0) {
      const notes = (then.notes ?? []).map((code) => ({ code }));
      return {
        ...base,
        status: then.status,
        ...(then.track ? { track: then.track } : {}),
        reasons: [{ code: then.code }, ...notes, ...caveats],
        ask: [],
      };
    }
    return {
      ...base,
      status: 'maybe',
      reasons: uniqueBy([...open.map((o) => o.reason!), ...caveats], (r) => r.code),
      ask: uniqueBy(open.flatMap((o) => (o.ask ? [o.ask] : [])), (a) => a),
    };
  }
  const head = rule.otherwise.code ? [{ code: rule.otherwise.code }] : [];
  return {
    ...base,
    status: rule.otherwise.status,
    reasons: uniqueBy([...head, ...firstFails], (r) => r.code),
    ask: [],
  };
}

/** Every text code a rule can emit, so a test can check each has a translation. */
export function codesOf(rule: Rule): string[] {
  const codes = new Set<string>(rule.notModeled ?? []);
  if (rule.otherwise.code) codes.add(rule.otherwise.code);
  for (const { when, then } of rule.cases) {
    codes.add(then.code);
    then.notes?.forEach((n) => codes.add(n));
    for (const c of when) {
      codes.add(failCodeOf(rule.program, c));
      codes.add(askCodeOf(c));
      if (c.kind === 'ageBetween' && c.maxWithDisability !== undefined) codes.add(askCodeOf(c, 'disability'));
      if (c.kind === 'sinceStatus' || c.kind === 'sinceArrival') codes.add('ask.status_date_exact');
    }
  }
  return [...codes];
}
