import { benchProgress } from "./progress.js";

/** `npm run bench:progress`: the /progress benchmark alone (`npm run bench` runs it too). */
await benchProgress();
