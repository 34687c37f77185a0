import { parseProfile } from '../knowledge/contracts/profile';
import type { Engine } from '../knowledge/orient';
import { relevantPrograms } from '../knowledge/plan/relevance';
import type { Draft, Field } from './draft';
import type { QuestionId } from './questions/question';
import type { FlowOptions } from './turn';

/** Follow-up questions, asked only when a decision that matters for the person's needs waits for them. */
const FOLLOW_UPS: readonly Field[] = ['inFranceSince', 'foreignLicence', 'children.schoolAge', 'age', 'unaccompanied', 'disability', 'readsWrites'];

export function nextQuestion(draft: Draft, engine: Engine): QuestionId | 'plan' {
  const done = (f: Field) => draft.answered.includes(f);
  const p = draft.profile;
  if (!draft.locale || !done('language')) return 'language';
  if (!done('status')) return 'status';
  if ((p.status === 'bpi' || p.status === 'bpi_family' || p.status === 'newcomer' || p.status === 'asylum_seeker') && !done('statusSince')) return 'statusSince';
  if ((p.status === 'bpi' || p.status === 'bpi_family' || p.status === 'newcomer') && !done('cir')) return 'cir';
  if (!done('frenchLevel')) return 'frenchLevel';
  if (!done('location')) return 'location';
  if (!done('needs')) return (p.needs ?? []).length > 0 ? 'moreNeeds' : 'needs';

  const parsed = parseProfile(p);
  if (!parsed.ok) return 'plan';
  const relevant = relevantPrograms(parsed.profile.needs);
  const asked = new Set(
    engine
      .decide(parsed.profile)
      .filter((d) => relevant.has(d.program))
      .flatMap((d) => d.ask),
  );
  // "Under 18 and alone in France?" is asked of minors only (an age under 18 already given); anyone else had
  // the "under 18, alone" button at the status question: every adult's conversation stays as short.
  if (!(p.age !== undefined && p.age < 18)) asked.delete('unaccompanied');
  return FOLLOW_UPS.find((f) => asked.has(f) && !done(f)) ?? 'plan';
}

/** Back to the same question; once the plan is shown, back to the menu rather than the plan again. */
export function backToWhereItWas(draft: Draft, engine: Engine): FlowOptions {
  return nextQuestion(draft, engine) === 'plan' ? { mode: 'planMenu' } : {};
}
