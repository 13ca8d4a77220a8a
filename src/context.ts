import type { Catalogue } from "./domain/catalogue.js";
import type { Logger } from "./log.js";
import type { AnswerRepository } from "./store/answers.js";

/** Everything a handler or service needs, passed in so tests can build it directly. */
export type AppContext = {
  catalogue: Catalogue;
  answers: AnswerRepository;
  log: Logger;
  /** A float in [0, 1), as Math.random. */
  random: () => number;
  /** Epoch milliseconds. */
  now: () => number;
};
