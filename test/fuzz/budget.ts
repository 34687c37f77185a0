/**
 * How many inputs each fuzz property sends (fast-check numRuns; every run is exactly one request or one
 * dialog turn, counted again by each file as it sends). Kept in one place so that budget.test.ts can
 * check the whole folder sends at least 10,000 inputs, and each file checks it sent its share.
 */
export const RUNS = {
  orientation: {
    profiles: 1100,
    validProfiles: 500,
    jsonBodies: 500,
    rawBodies: 400,
    headersAndQueries: 400,
  },
  directline: {
    generate: 700,
    activities: 1400,
    rawActivities: 500,
    dateStep: 300,
    watermarks: 500,
    tokens: 500,
  },
  channelOpen: {
    activities: 1100,
    rawBodies: 400,
  },
  channelClosed: {
    requests: 600,
  },
  dialogs: {
    /** Each run is one conversation; its turns (one input each) are counted separately. */
    walks: 120,
    /** Turns at the "since when?" date question. */
    dateStep: 500,
    /** Turns at the age (number) question. */
    ageStep: 250,
    /** Turns at the place question (typed towns go to the fuzzy commune search). */
    placeStep: 250,
  },
} as const;

/** Lower bound of the turns the dialog walks send: every walk takes at least this many turns. */
export const MIN_TURNS_PER_WALK = 8;

export type Area = keyof typeof RUNS;

/** Inputs one area sends at least (the walks count their minimum number of turns). */
export function plannedInputs(area: Area): number {
  const runs = RUNS[area] as Record<string, number>;
  return Object.entries(runs).reduce((sum, [name, n]) => sum + (area === 'dialogs' && name === 'walks' ? n * MIN_TURNS_PER_WALK : n), 0);
}

export function plannedTotal(): number {
  return (Object.keys(RUNS) as Area[]).reduce((sum, area) => sum + plannedInputs(area), 0);
}
