import { evaluate } from '../../../knowledge/rules/evaluate';
import { buildFacts } from '../../../knowledge/rules/facts';
import { defineRule } from '../../../knowledge/rules/schema';
import { ProfileSchema } from '../../../knowledge/contracts/profile';

const today = new Date('2026-11-23T12:00:00Z');
const facts = (p: object, department?: string) => buildFacts(ProfileSchema.parse(p), department, today);

describe('facts', () => {
  it('turns "unknown" answers into absent facts', () => {
    const f = facts({ status: 'unknown', frenchLevel: 'unknown', cir: 'unknown', readsWrites: 'unknown' });
    expect(f.status).toBeUndefined();
    expect(f.level).toBeUndefined();
    expect(f.cir).toBeUndefined();
    expect(f.readsWrites).toBeUndefined();
  });

  it('counts months and calendar years against the injected day', () => {
    expect(facts({ statusSince: '2025-12' })).toMatchObject({ monthsSinceStatus: 11, calendarYearsSinceStatus: 1 });
    expect(facts({ statusSince: '2026-11' })).toMatchObject({ monthsSinceStatus: 0, calendarYearsSinceStatus: 0 });
    expect(buildFacts(ProfileSchema.parse({ statusSince: '2026-12' }), undefined, new Date('2027-01-01T00:00:00Z'))).toMatchObject({
      monthsSinceStatus: 1,
      calendarYearsSinceStatus: 1,
    });
  });
});

describe('evaluate', () => {
  const rule = defineRule({
    program: 'mission_locale',
    checkedOn: '2026-11-23',
    sources: ['https://example.gouv.fr/rule'],
    notModeled: ['mission_locale.caveat'],
    cases: [
      {
        when: [
          { kind: 'statusIn', statuses: ['bpi'] },
          { kind: 'ageBetween', min: 16, max: 25, maxWithDisability: 29 },
        ],
        then: { status: 'eligible', code: 'mission_locale.ok', notes: ['mission_locale.note'] },
      },
    ],
    otherwise: { status: 'not_eligible', code: 'mission_locale.no' },
  });

  it('decides with the first case that has no hard failure, and keeps notes and caveats', () => {
    const d = evaluate(rule, facts({ status: 'bpi', age: 20 }));
    expect(d.status).toBe('eligible');
    expect(d.reasons.map((r) => r.code)).toEqual(['mission_locale.ok', 'mission_locale.note', 'mission_locale.caveat']);
    expect(d.sources).toEqual(['https://example.gouv.fr/rule']);
  });

  it('answers maybe and says what to ask when a fact is missing', () => {
    const d = evaluate(rule, facts({ status: 'bpi' }));
    expect(d.status).toBe('maybe');
    expect(d.ask).toEqual(['age']);
    expect(d.reasons[0]).toEqual({ code: 'ask.age', params: { min: 16, max: 25, maxWithDisability: 29 } });
  });

  it('asks about disability only inside the extension band', () => {
    expect(evaluate(rule, facts({ status: 'bpi', age: 27 })).ask).toEqual(['disability']);
    expect(evaluate(rule, facts({ status: 'bpi', age: 24 })).status).toBe('eligible');
    expect(evaluate(rule, facts({ status: 'bpi', age: 30 })).status).toBe('not_eligible');
  });

  it('explains a refusal with the failing condition and its values', () => {
    const d = evaluate(rule, facts({ status: 'bpi', age: 27, disability: false }));
    expect(d.status).toBe('not_eligible');
    expect(d.reasons).toEqual([
      { code: 'mission_locale.no' },
      { code: 'mission_locale.ageBetween', params: { age: 27, min: 16, max: 25, maxWithDisability: 29 } },
    ]);
  });

  it('turns a false condition into maybe when the rule says so', () => {
    const corsica = defineRule({
      program: 'agir',
      checkedOn: '2026-11-23',
      sources: ['https://example.gouv.fr/agir'],
      cases: [
        {
          when: [{ kind: 'departmentNotIn', codes: ['2A'], whenFalse: 'maybe', whenUnknown: 'pass' }],
          then: { status: 'eligible', code: 'agir.ok' },
        },
      ],
      otherwise: { status: 'not_eligible' },
    });
    expect(evaluate(corsica, facts({}, '2A'))).toMatchObject({ status: 'maybe', reasons: [{ code: 'agir.departmentNotIn', params: { department: '2A' } }] });
    expect(evaluate(corsica, facts({})).status).toBe('eligible');
    expect(evaluate(corsica, facts({}, '75')).status).toBe('eligible');
  });

  it('reads the kind of protection, and a missing one follows whenUnknown', () => {
    const card = defineRule({
      program: 'residence_permit',
      checkedOn: '2026-11-27',
      sources: ['https://example.gouv.fr/rule'],
      cases: [{ when: [{ kind: 'protectionIn', protections: ['subsidiary', 'stateless'], whenUnknown: 'fail' }], then: { status: 'eligible', code: 'residence_permit.four_years' } }],
      otherwise: { status: 'not_eligible' },
    });
    expect(evaluate(card, facts({ status: 'bpi', protection: 'stateless' })).status).toBe('eligible');
    expect(evaluate(card, facts({ status: 'bpi', protection: 'refugee' }))).toMatchObject({
      status: 'not_eligible',
      reasons: [{ code: 'residence_permit.protectionIn', params: { protection: 'refugee' } }],
    });
    expect(evaluate(card, facts({ status: 'bpi' })).status).toBe('not_eligible');
  });

  it('rejects a malformed rule at load time', () => {
    expect(() =>
      defineRule({
        program: 'agir',
        checkedOn: 'yesterday',
        sources: [],
        cases: [],
        otherwise: { status: 'not_eligible' },
      }),
    ).toThrow();
  });
});
