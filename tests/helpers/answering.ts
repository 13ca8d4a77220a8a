import { recordAnswer } from "../../src/services/answer-question.js";
import type { TestApp } from "./app-context.js";

export const noon = (day: string) => Date.parse(`${day}T12:00:00Z`);
let nextId = 1;

/** An answer to a question not answered just before (a count is one per question a day). */
export async function answer(app: TestApp, userId: string, at: number, guildId = "g") {
  app.ctx.now = () => at;
  const id = nextId++;
  return recordAnswer(app.ctx, {
    answerId: String(id),
    guildId,
    userId,
    number: 1 + (id % 30),
    text: "answer",
  });
}
