import { ProfileSchema } from '../../../knowledge/contracts/profile';
import { ResultSchema } from '../../../knowledge/contracts/result';
import { createEngine } from '../../../knowledge/orient';
import { SCENARIOS, type Expectation } from './scenarios';

const DEFAULT_TODAY = '2026-11-23';

describe('orient: scenario table', () => {
  it('has at least 60 scenarios, each citing a source', () => {
    expect(SCENARIOS.length).toBeGreaterThanOrEqual(60);
    for (const s of SCENARIOS) expect(s.source).toMatch(/\S/);
  });

  it.each(SCENARIOS.map((s) => [s.name, s] as const))('%s', (_name, scenario) => {
    const engine = createEngine({ today: () => new Date(`${scenario.today ?? DEFAULT_TODAY}T12:00:00Z`) });
    const result = engine.orient(ProfileSchema.parse(scenario.profile), 'en');
    expect(ResultSchema.safeParse(result).success).toBe(true);

    for (const [program, want] of Object.entries(scenario.expect)) {
      const got = result.eligibility.find((e) => e.program === program);
      const expectation: Expectation = typeof want === 'string' ? { status: want } : want;
      const actual = { program, status: got?.status, track: got?.track, codes: got?.reasons.map((r) => r.code), ask: got?.ask };
      expect(actual).toEqual(
        expect.objectContaining({
          program,
          status: expectation.status,
          track: expectation.track ?? got?.track,
          codes: expect.arrayContaining(expectation.codes ?? []),
          ask: expect.arrayContaining(expectation.ask ?? []),
        }),
      );
    }
    const stepCodes = result.nextSteps.map((s) => s.code);
    for (const code of scenario.steps ?? []) expect(stepCodes).toContain(code);
    for (const code of scenario.noSteps ?? []) expect(stepCodes).not.toContain(code);
  });
});
