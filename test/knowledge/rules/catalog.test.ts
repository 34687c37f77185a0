import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PROGRAMS } from '../../../knowledge/contracts/vocabulary';
import { hasKey } from '../../../knowledge/i18n';
import { STEP_CODES } from '../../../knowledge/plan/next-steps';
import { HELP_NUMBERS } from '../../../knowledge/plan/help';
import { codesOf } from '../../../knowledge/rules/evaluate';
import { RULES } from '../../../knowledge/rules';
import { RuleSchema } from '../../../knowledge/rules/schema';

const SEEDS = join(__dirname, '..', '..', '..', '..', 'shared', 'seeds');
const TODAY = new Date('2026-11-27T23:59:59Z');

describe('rule files', () => {
  it('cover exactly the program vocabulary, once each', () => {
    expect(RULES.map((r) => r.program).sort()).toEqual([...PROGRAMS].sort());
  });

  it.each(RULES.map((r) => [r.program, r] as const))('%s is valid, sourced and dated', (program, rule) => {
    expect(RuleSchema.safeParse(rule).success).toBe(true);
    for (const ref of rule.sources) {
      if (ref.startsWith('https://')) continue;
      const file = ref.split(' ')[0]!;
      expect(existsSync(join(SEEDS, file))).toBe(true);
    }
    expect(new Date(rule.checkedOn).getTime()).toBeLessThanOrEqual(TODAY.getTime());
    for (const code of codesOf(rule)) {
      expect(code.startsWith(`${program}.`) || code.startsWith('ask.')).toBe(true);
    }
  });

  const codes = [...new Set([...RULES.flatMap(codesOf), ...STEP_CODES, ...HELP_NUMBERS.map((h) => h.code)])];
  it.each(['fr', 'en'] as const)('every reason, step and help code has a %s text', (locale) => {
    const missing = codes.filter((c) => !hasKey(locale, c));
    expect(missing).toEqual([]);
  });
});
