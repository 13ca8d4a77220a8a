import { Converter } from "opencc-js/t2cn";
import { stemmer } from "stemmer";

/*
 * An answer (or a bank term) as the matcher reads it: a list of units, each a Chinese character
 * or a stemmed English word, so "显存" is two units matched together and "GPUs"/"gpu" are one.
 */

// Taiwan phrases and variants to mainland Simplified (記憶體 -> 内存, 軟體 -> 软件, 顯存 -> 显存);
// text already in Simplified passes through unchanged.
// The package's .d.ts imports "./core" without an extension, which NodeNext cannot resolve, so
// its function types come through as errors: state the documented signature here.
type MakeConverter = (options: { from: string; to: string }) => (text: string) => string;
const toSimplified = (Converter as unknown as MakeConverter)({ from: "twp", to: "cn" });
const words = new Intl.Segmenter("zh", { granularity: "word" });

const HAN = /\p{Script=Han}/u;
const PIECES = /\p{Script=Han}|[\p{L}\p{N}]+(?:'\p{L}+)?/gu;
// Where a claim ends: a negation or an opposite does not reach past these.
const CLAUSE_END = /[。！？!?;；,，:：.\n]/u;
// A contrast starts a new claim: "不是从头训练，而是复用", "reduces latency but increases cost".
const CONTRASTS = new Set([
  "而是",
  "但是",
  "但",
  "却",
  "然而",
  "不过",
  "but",
  "however",
  "instead",
  "whereas",
]);
// Where an item of a list ends: "显存、带宽" and "显存 带宽" are two items, "GPU memory" is one.
const ITEM_END = /[、/|&]/u;
const CONJUNCTIONS = new Set(["和", "与", "及", "以及", "或", "或者", "and", "or"]);

// Negations, found as whole words by the segmenter, so 不同/不断/不仅/无论/未来 are not cues.
const ZH_CUES = new Set(
  "不 没 没有 没能 不把 不被 不让 不懂 没把 没被 没让 无 无法 无从 无需 并非 不是 不能 不会 不了 不需要 不用 不必 不可 不可能 从不 从未 绝不 毫无 不再 并不 并没有 未 未能 别 勿".split(
    " ",
  ),
);
// The segmenter's dictionary joins an adverb to the negation: 也不会, 就不能, 都没有, 而不是.
const ZH_ADVERBS = new Set([..."也就都并还却而又才更则便"]);
const withoutAdverb = (segment: string) =>
  ZH_ADVERBS.has(segment[0] ?? "") && segment.length > 1 ? segment.slice(1) : segment;
const isZhCue = (segment: string) => ZH_CUES.has(segment) || ZH_CUES.has(withoutAdverb(segment));
// "X 不是 …", "X is not …" deny the whole rest of the clause, however long.
const ZH_WIDE = new Set(["不是", "并非", "并不是", "绝不是"]);
const EN_WIDE = new Set(["isnt", "arent", "wasnt", "werent"]);
const COPULAS = new Set(["is", "are", "was", "were"]);
const EN_CUES = new Set(
  "not no never nothing cannot cant dont doesnt didnt isnt arent wasnt werent wont neither nor none".split(
    " ",
  ),
);
// "not only X but also Y" and the like assert X; so does "no matter" and "no doubt".
const EN_NOT_CUE_BEFORE = new Set(["only", "just", "merely", "doubt"]);
const EN_NO_CUE_BEFORE = new Set(["matter", "doubt"]);

/*
 * A negated predicate that denies its subject any part in the matter: "X is never part of it",
 * "X is not needed", "X isn't used", "X doesn't matter", "X does not help". The negation reaches
 * back over the subject. A negated predicate with an object of its own says something else of its
 * subject ("a pretrained model doesn't need much data", "pruning does not hurt accuracy").
 */
const EN_COPULAS = new Set(["is", "are", "was", "were", "be", "been"]);
const EN_DO = new Set(["do", "does", "did"]);
const EN_NOT_BE = new Set(["isnt", "arent", "wasnt", "werent"]);
const EN_NOT_DO = new Set(["dont", "doesnt", "didnt"]);
const DENIED_AS_BE = new Set(
  "part needed necessary required used involved relevant important useful".split(" "),
);
const DENIED_AS_DO = new Set("matter help work exist".split(" "));
// "is never really part of it", "does not even matter".
const ADVERB_IN_PREDICATE = new Set("really even actually at all truly".split(" "));

// Words that turn a claim around as a negation does, without denying: "avoid bias", "防止泄露",
// "stops discrimination". Two turns cancel: "cannot stop discrimination", "无法避免歧视".
const ZH_AVERTING = ["避免", "防止", "阻止", "预防", "防范", "以免", "免得", "杜绝"];
const EN_AVERTING = new Set(["without", "avoid", "prevent", "stop", "avert"]);
// The segmenter keeps some negated averting verbs whole (不可避免, 无可避免): read them as two words.
function splitNegatedVerb(segment: string): string[] {
  const verb = ZH_AVERTING.find((word) => segment.length > word.length && segment.endsWith(word));
  const negation = verb && segment.slice(0, -verb.length);
  return negation && (isZhCue(negation) || negation === "无可") ? [negation, verb] : [segment];
}

// "If people cannot see why it decided, they will not trust it": a condition that is itself
// negated, with its consequence, argues that the one is needed for the other.
const CONDITIONS = new Set(["if", "unless", "如果", "若", "要是", "假如", "倘若", "假若", "如若"]);

// Glue that a bare list of terms carries: it says nothing by itself.
const GLUE = new Set(
  (
    "的 了 和 与 及 以 或 等 是 也 都 还 有 之 以及 或者 还有 并且 and or the a an of is are be to in on for with " +
    "as by it its this that etc e g i"
  ).split(" "),
);

// Words that make a sentence of a list of terms: articles, pronouns, prepositions, copulas,
// auxiliaries and modals, subordinators (a bare list of terms has none; list conjunctions and
// commas do not count). Chinese: structural particles, coverbs, copula, modals, pronouns.
const EN_FUNCTION = new Set(
  (
    "the a an this that these those it its they them their there we you your he she his her i me my " +
    "our us to of in on at for with without from by into onto over under about across through " +
    "between than as via per is are was were be been being am do does did done has have had can " +
    "could will would shall should may might must not no never if when while because so which who " +
    "whom whose what where how why then also only just very each every some any all up out off " +
    "instead rather lets let makes make isnt arent dont doesnt didnt cant wont cannot"
  ).split(" "),
);
// Chinese function words are whole words of the segmenter (能 in 性能 does not count; 可 is left
// out, the segmenter parts 可解释 into 可 解释), or words holding a character that is a function
// word wherever it stands (the segmenter joins 留在, 都有, 不上传).
const ZH_FUNCTION_CHARS = /[的了把被都也就不没让将这那在是]/u;
const ZH_FUNCTION = new Set(
  (
    "的 了 着 过 把 被 让 使 使得 在 对 对于 是 会 能 能够 可以 将 就 都 也 还 又 而 所 为 为了 从 向 给 跟 " +
    "它 它们 他 她 我 我们 你 这 这样 那 其 该 要 需要 得 地 吗 呢 吧 不 没 没有 通过 因为 所以 如果 并 才 更 很 " +
    "先 再 然后 后 之后 以后 用 以 按 只 各 一起 此外"
  ).split(" "),
);

export type Unit = {
  key: string;
  /** Which word of the answer the unit belongs to (a Chinese word is several units). */
  word: number;
  clause: number;
  item: number;
  cue: boolean;
  /** A negation whose reach is the rest of its clause. */
  wide: boolean;
  averts: boolean;
  glue: boolean;
  /** A word that opens a condition: if, unless, 如果, 要是. */
  condition: boolean;
  /** A function word: what makes a sentence of terms (the, is, to, 的, 会, 把). */
  fn: boolean;
  /** A negation that denies its clause's subject too: "X is never part of it", "X doesn't matter". */
  subject?: boolean;
};

export function normalizeText(text: string): string {
  // NFKC folds full-width letters, digits and punctuation to half-width.
  return toSimplified(
    text
      .normalize("NFKC")
      .replace(/[‘’＇`]/gu, "'")
      .toLowerCase(),
  );
}

const NOT_ADVERBS = new Set(
  "only early daily family assembly anomaly apply supply reply multiply rely comply italy july".split(
    " ",
  ),
);

// Porter keeps adverbs apart from their adjectives (stably/stable, easily/easy): join them first.
function adjectiveOf(word: string): string {
  if (NOT_ADVERBS.has(word) || word.length < 5) return word;
  if (/[ai]bly$/u.test(word)) return word.slice(0, -1) + "e";
  if (word.endsWith("ily")) return word.slice(0, -3) + "y";
  if (word.endsWith("ly") && !word.endsWith("ply")) return word.slice(0, -2);
  return word;
}

function englishKey(word: string): string {
  return stemmer(adjectiveOf(word.replace(/'s$/u, "").replace(/'/gu, "")));
}

export function analyse(text: string): Unit[] {
  const units: Unit[] = [];
  let clause = 0;
  let item = 0;
  let pendingNotCue: Unit | undefined;
  let pendingNo: Unit | undefined;
  let pendingDenial: { cue: Unit; words: Set<string> } | undefined;
  let previous = "";
  let word = 0;
  const segments: { segment: string; isWordLike: boolean }[] = [];
  for (const { segment, isWordLike = false } of words.segment(normalizeText(text)))
    for (const part of isWordLike ? splitNegatedVerb(segment) : [segment])
      segments.push({ segment: part, isWordLike });
  for (const { segment, isWordLike } of segments) {
    word++;
    if (!isWordLike) {
      if (CLAUSE_END.test(segment)) clause++;
      const afterHan = HAN.test(units.at(-1)?.key ?? "");
      if (CLAUSE_END.test(segment) || ITEM_END.test(segment) || (afterHan && /\s/u.test(segment)))
        item++;
      continue;
    }
    if (CONTRASTS.has(segment)) {
      clause++;
      item++;
    }
    const conjunction = CONJUNCTIONS.has(segment);
    if (conjunction) item++;
    const zhCue = isZhCue(segment);
    const zhWide = ZH_WIDE.has(withoutAdverb(segment));
    const zhAverts = ZH_AVERTING.includes(segment);
    const zhGlue = GLUE.has(segment);
    const zhFunction = ZH_FUNCTION.has(segment) || ZH_FUNCTION_CHARS.test(segment) || zhCue;
    const condition = CONDITIONS.has(segment);
    for (const [piece] of segment.matchAll(PIECES)) {
      if (HAN.test(piece)) {
        units.push({
          key: piece,
          word,
          clause,
          item,
          cue: zhCue,
          wide: zhWide,
          averts: zhAverts,
          glue: zhGlue,
          condition,
          fn: zhFunction,
        });
        continue;
      }
      const bare = piece.replace(/'/gu, "");
      if (pendingNotCue && EN_NOT_CUE_BEFORE.has(bare)) pendingNotCue.cue = false;
      if (pendingNo && EN_NO_CUE_BEFORE.has(bare)) pendingNo.cue = false;
      if (pendingDenial && pendingDenial.words.has(bare)) pendingDenial.cue.subject = true;
      const cue = EN_CUES.has(bare) || piece.endsWith("n't");
      const wide = EN_WIDE.has(bare) || (bare === "not" && COPULAS.has(previous));
      const key = englishKey(piece);
      const averts = EN_AVERTING.has(key);
      const unit = {
        key,
        word: ++word,
        clause,
        item,
        cue,
        wide,
        averts,
        glue: GLUE.has(bare),
        condition: CONDITIONS.has(bare),
        fn: EN_FUNCTION.has(bare) || piece.endsWith("n't"),
      };
      units.push(unit);
      const negatedBe =
        EN_NOT_BE.has(bare) || ((bare === "not" || bare === "never") && EN_COPULAS.has(previous));
      const negatedDo = EN_NOT_DO.has(bare) || (bare === "not" && EN_DO.has(previous));
      if (negatedBe) pendingDenial = { cue: unit, words: DENIED_AS_BE };
      else if (negatedDo) pendingDenial = { cue: unit, words: DENIED_AS_DO };
      else if (!ADVERB_IN_PREDICATE.has(bare)) pendingDenial = undefined;
      previous = bare;
      pendingNotCue = bare === "not" ? unit : undefined;
      pendingNo = bare === "no" ? unit : undefined;
    }
    if (conjunction) item++;
  }
  markChineseSubjectDenials(units);
  return units;
}

/*
 * Chinese: a negated predicate that ends its clause and denies the subject any part in the matter
 * ("调优和镜像根本不需要", "监控也没有用", "加密没必要") reaches back over the subject.
 */
const ZH_DENIED_TAIL = /^(?:需要|必要|用|有用|意义|关系|重要|要|了|的|啊|吧|呢)*$/u;
function markChineseSubjectDenials(units: Unit[]): void {
  for (const [at, unit] of units.entries()) {
    if (!unit.cue || !HAN.test(unit.key) || units[at - 1]?.word === unit.word) continue;
    let end = at;
    while (units[end]?.word === unit.word) end++;
    let rest = "";
    for (let next = end; units[next]?.clause === unit.clause; next++) rest += units[next]?.key;
    const tail =
      units
        .slice(at, end)
        .map((u) => u.key)
        .join("") + rest;
    if (ZH_DENIED_TAIL.test(rest) && /需要|必要|用|意义|关系|重要/u.test(tail))
      for (let u = at; u < end; u++) units[u]!.subject = true;
  }
}

export type Span = { start: number; end: number; clause: number };

const polarCache = new Map<string, boolean>();

/** Whether a bank term carries a negation itself ("不带偏见", "without", "avoid"). */
export function isNegativeTerm(term: string): boolean {
  let polar = polarCache.get(term);
  if (polar === undefined) {
    polar = analyse(term).some((unit) => unit.cue || unit.averts);
    polarCache.set(term, polar);
  }
  return polar;
}

const termCache = new Map<string, string[]>();

/** The unit keys of a bank term, read the same way as an answer. */
export function termKeys(term: string): string[] {
  let keys = termCache.get(term);
  if (!keys) {
    keys = analyse(term).map((unit) => unit.key);
    termCache.set(term, keys);
  }
  return keys;
}

/** Every place the term occurs in the answer, inside one clause. */
export function findTerm(units: readonly Unit[], term: string): Span[] {
  const keys = termKeys(term);
  const spans: Span[] = [];
  if (keys.length === 0) return spans;
  for (let start = 0; start + keys.length <= units.length; start++) {
    const clause = units[start]?.clause;
    const matches = keys.every((key, k) => {
      const unit = units[start + k];
      return unit?.key === key && unit.clause === clause;
    });
    if (matches && clause !== undefined) spans.push({ start, end: start + keys.length, clause });
  }
  return spans;
}
