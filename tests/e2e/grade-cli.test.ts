import { execFile, spawn } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, test } from "vitest";

/** `npm run grade` as an operator runs it: a process, banks from the folder and BANK_PATH. */
const root = join(import.meta.dirname, "..", "..");
const tsx = join(root, "node_modules", ".bin", "tsx");
const EXTRA_BANK = join(root, "tests", "fixtures", "banks", "extra.json");

function grade(args: string[], stdin = "", env: NodeJS.ProcessEnv = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((done, fail) => {
    const child = spawn(tsx, ["src/grade.ts", ...args], {
      cwd: root,
      env: { ...process.env, BANK_PATH: "", ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", fail);
    child.on("close", (code) => done({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

const parsedLines = (stdout: string) =>
  stdout
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe("npm run grade -- --jsonl", () => {
  test("GIVEN good and bad lines THEN one line out for each, errors say what to fix, exit 1", async () => {
    const input = [
      JSON.stringify({ number: 7, text: "把训练任务分到多台机器上一起跑，训练快得多" }),
      "this is not json",
      JSON.stringify({ number: 999, text: "anything" }),
      "",
      JSON.stringify({ number: 13, text: "   " }),
      JSON.stringify({ number: 101, text: "an answer to a question with no key points" }),
      JSON.stringify({ number: 13, text: "Edge computing does not run near the data source." }),
    ].join("\n");
    const { code, stdout, stderr } = await grade(["--jsonl"], `${input}\n`, {
      BANK_PATH: EXTRA_BANK,
    });

    const out = parsedLines(stdout);
    expect(out).toHaveLength(6); // the blank line 4 is skipped
    expect(out[0]).toMatchObject({
      number: 7,
      covered: expect.arrayContaining(["tasks-across-nodes"]),
    });
    expect(["hard", "good", "easy"]).toContain(out[0]?.grade);
    expect(out[1]).toEqual({
      line: 2,
      error: expect.stringMatching(/^not JSON: write one object/),
    });
    expect(out[2]).toEqual({ line: 3, error: "no question 999 in the loaded banks" });
    expect(out[3]).toEqual({ line: 5, error: '"text" must be a non-empty answer' });
    expect(out[4]).toEqual({
      line: 6,
      error: expect.stringMatching(/question 101 .* no key points/),
    });
    expect(out[5]).toMatchObject({ number: 13, grade: "again", covered: [] });
    expect(out[5]?.missed).toContain("close-to-data-source");
    expect(stderr.trim().split("\n")).toHaveLength(4);
    expect(stderr).toContain("grade: line 3: no question 999");
    expect(code).toBe(1);
  });

  test("GIVEN only good lines THEN every key point is either covered or missed, exit 0", async () => {
    const { code, stdout } = await grade(
      ["--jsonl"],
      `${JSON.stringify({ number: 30, text: "Encrypt the data and only let authorised staff access it." })}\n`,
    );
    const [line] = parsedLines(stdout);
    expect(line).toMatchObject({ number: 30, grade: "hard" });
    expect([...(line?.covered as string[]), ...(line?.missed as string[])].sort()).toEqual([
      "access-control",
      "anonymization",
      "differential-privacy",
      "encryption",
      "prevent-leaks-and-privacy-violations",
    ]);
    expect(code).toBe(0);
  });
});

describe("npm run grade -- --number", () => {
  test("GIVEN one answer THEN the grade and each point's label, in the language asked", async () => {
    const { code, stdout } = await grade([
      "--number",
      "30",
      "--lang",
      "zh-CN",
      "对数据加密，并且只让有权限的人访问。",
    ]);
    expect(stdout).toMatch(/^Suggested grade: hard$/m);
    expect(stdout).toMatch(/^ {2}✓ encryption: 数据加密$/m);
    expect(stdout).toMatch(/^ {2}✗ differential-privacy: 差分隐私$/m);
    expect(code).toBe(0);
  });

  test.each([
    [["--number", "999", "text"], 1, /^grade: no question 999 in the loaded banks\n$/],
    [["--number", "7"], 2, /^grade: the answer text is missing after --number \(usage: /],
    [["--bogus"], 2, /^grade: Unknown option '--bogus' \(usage: /],
  ])("GIVEN %j THEN exit %i with one clear line", async (args, exit, message) => {
    const { code, stderr } = await grade(args);
    expect(stderr).toMatch(message);
    expect(code).toBe(exit);
  });

  test("GIVEN BANK_PATH naming nothing THEN the bank error, exit 2", async () => {
    const run = promisify(execFile)(tsx, ["src/grade.ts", "--number", "1", "x"], {
      cwd: root,
      env: { ...process.env, BANK_PATH: "/nonexistent-bank" },
    });
    await expect(run).rejects.toMatchObject({
      code: 2,
      stderr: "grade: Bank path /nonexistent-bank does not exist: check BANK_PATH.\n",
    });
  });
});
