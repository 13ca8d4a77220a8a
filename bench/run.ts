import { benchRecordAnswer } from "./record-answer.js";

/** `npm run bench`: every figure is printed beside a baseline measured in the same run. */
await benchRecordAnswer();
