import { z } from "zod";
import { LANGUAGES } from "../domain/locale.js";

/** Limits keep every text inside one Discord embed field (1,024 characters). */
export const TEXT_LIMIT = 1000;

const text = z
  .string({ error: "is required (a string)" })
  .trim()
  .min(1, "is empty")
  .max(TEXT_LIMIT);
const localized = z.object({
  question: text,
  answer: text,
  explanation: text,
});
const label = z.object(
  Object.fromEntries(LANGUAGES.map((lang) => [lang, z.string().trim().min(1).max(80)])) as Record<
    (typeof LANGUAGES)[number],
    z.ZodString
  >,
);
const topicId = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be kebab-case (like model-security)")
  .max(100, "must be at most 100 characters (the topic option's max_length)");

/** A point shows in the feedback beside a ✓ or ✗, so its label stays one short line. */
export const KEY_POINT_LABEL_LIMIT = 120;
/** More than six points would turn the feedback into a checklist no one reads. */
export const KEY_POINTS_PER_QUESTION = 6;

const term = z.string({ error: "is required (a string)" }).trim().min(1, "is empty");
const keyPoint = z.object({
  id: z
    .string({ error: "is required (a string)" })
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be kebab-case (like layered-features)")
    .max(60),
  label: z.object(
    {
      "zh-CN": term.max(KEY_POINT_LABEL_LIMIT),
      "en-US": term.max(KEY_POINT_LABEL_LIMIT),
    },
    { error: 'is required (an object with "zh-CN" and "en-US")' },
  ),
  // Groups of synonyms: the point is made when every group is matched by one of its terms.
  terms: z
    .array(z.array(term).min(1, "needs at least one term"), {
      error: "is required (a list of groups of terms)",
    })
    .min(1, "needs at least one group of terms"),
  opposites: z.array(term).optional(),
});

const question = z.object({
  number: z.int().min(1).max(999_999),
  topics: z.array(topicId).min(1, "needs at least one topic").max(5),
  related: z.array(z.int()).default([]),
  "zh-CN": localized,
  "en-US": localized,
  keyPoints: z
    .array(keyPoint)
    .min(1, "is empty: list at least one key point or leave the field out")
    .max(KEY_POINTS_PER_QUESTION, `has more than ${KEY_POINTS_PER_QUESTION} key points`)
    .optional(),
});

export const bankSchema = z
  .object({
    id: topicId,
    title: label.extend({
      "zh-CN": z.string().min(1).max(200),
      "en-US": z.string().min(1).max(200),
    }),
    description: z.object({ "zh-CN": z.string(), "en-US": z.string() }).partial().optional(),
    source: z.string().min(1),
    topics: z.record(topicId, label),
    questions: z.array(question).min(1, "needs at least one question"),
  })
  .superRefine((bank, ctx) => {
    const numbers = new Set<number>();
    bank.questions.forEach((q, index) => {
      if (numbers.has(q.number)) {
        ctx.addIssue({
          code: "custom",
          path: ["questions", index, "number"],
          message: `${q.number} is used twice`,
        });
      }
      numbers.add(q.number);
      q.topics.forEach((topic, t) => {
        if (!(topic in bank.topics)) {
          ctx.addIssue({
            code: "custom",
            path: ["questions", index, "topics", t],
            message: `"${topic}" is not defined under "topics"`,
          });
        }
      });
    });
    bank.questions.forEach((q, index) => {
      const ids = new Set<string>();
      q.keyPoints?.forEach((point, k) => {
        if (ids.has(point.id)) {
          ctx.addIssue({
            code: "custom",
            path: ["questions", index, "keyPoints", k, "id"],
            message: `"${point.id}" is used twice in this question`,
          });
        }
        ids.add(point.id);
      });
    });
    bank.questions.forEach((q, index) => {
      q.related.forEach((other, r) => {
        const target = bank.questions.find((candidate) => candidate.number === other);
        const problem =
          other === q.number
            ? "cannot name the question itself"
            : !target
              ? `names question ${other}, which is not in this bank`
              : !target.related.includes(q.number)
                ? `names question ${other}, which must name ${q.number} back`
                : null;
        if (problem)
          ctx.addIssue({
            code: "custom",
            path: ["questions", index, "related", r],
            message: problem,
          });
      });
    });
  });

export type BankFile = z.infer<typeof bankSchema>;
export type Question = BankFile["questions"][number] & { bank: string };
export type KeyPoint = z.infer<typeof keyPoint>;
