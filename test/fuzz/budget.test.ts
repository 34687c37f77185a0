import { MIN_TURNS_PER_WALK, plannedInputs, plannedTotal, RUNS, type Area } from './budget';

/**
 * The fuzz tests of this folder send at least 10,000 inputs in all: each file checks that it sent its
 * share (plannedInputs), and this test that the shares add up.
 */
describe('fuzzing budget', () => {
  it('sends at least 10,000 random and hostile inputs across the folder', () => {
    expect(plannedTotal()).toBeGreaterThanOrEqual(10_000);
  });

  it('covers every surface: the API, the Direct Line, /api/messages open and closed, the dialogs', () => {
    const shares = Object.fromEntries((Object.keys(RUNS) as Area[]).map((area) => [area, plannedInputs(area)]));
    expect(Object.keys(shares).sort()).toEqual(['channelClosed', 'channelOpen', 'dialogs', 'directline', 'orientation']);
    for (const share of Object.values(shares)) expect(share).toBeGreaterThanOrEqual(500);
    expect(MIN_TURNS_PER_WALK).toBeGreaterThanOrEqual(8);
  });
});
