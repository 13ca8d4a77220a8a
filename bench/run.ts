import { benchLeaderboard } from "./leaderboard.js";
import { benchQuestionReview } from "./question-review.js";
import { benchProgress } from "./progress.js";
import { benchRecordAnswer } from "./record-answer.js";
import { benchRecordAnswer100k } from "./record-answer-100k.js";

/** `npm run bench`: every figure is printed beside a baseline measured in the same run. */
await benchRecordAnswer();
await benchRecordAnswer100k();
await benchLeaderboard();
await benchQuestionReview();
await benchProgress();
