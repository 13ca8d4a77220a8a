/**
 * The fault suite has two lengths: the short form runs in `npm test` and CI, the long form
 * (`npm run test:faults`, FAULTS=long) before a release. Each fault test takes its counts here.
 */
export const LONG_FORM = process.env.FAULTS === "long";

export const rounds = (short: number, long: number) => (LONG_FORM ? long : short);
