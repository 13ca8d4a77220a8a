import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { NOTO_CJK_PATH } from "../src/discord/chart-font.js";

// No Docker engine runs here, so the image cannot be built in a test. What can be checked is
// that the build does not need the internet beyond the npm registry, and that the runtime
// stage's clean-up of sqlite3 leaves a binding that still loads.
const dockerfile = readFileSync("Dockerfile", "utf8");
const APP = "/opt/daily-drill";

/** The Dockerfile's RUN instructions, with their continuation lines joined. */
function runInstructions(): string[] {
  return dockerfile
    .replace(/\\\n/g, " ")
    .split("\n")
    .filter((line) => line.startsWith("RUN "))
    .map((line) => line.slice(4).trim());
}

describe("Dockerfile", () => {
  const scratch = mkdtempSync(join(tmpdir(), "drill-image-"));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it("GIVEN a build that cannot reach GitHub THEN node-gyp uses the base image's headers and BuildKit needs no frontend image", () => {
    expect(dockerfile).not.toMatch(/^# *syntax=/m);
    const [, build = ""] = dockerfile.split(/^FROM /m); // the build stage, up to the runtime's FROM
    expect(build).toMatch(/^ENV npm_config_nodedir=\/usr\/local$/m);
    expect(build.indexOf("npm_config_nodedir")).toBeLessThan(build.indexOf("RUN npm ci"));
  });

  it("GIVEN the runtime stage THEN it installs the Debian package that holds the chart font", () => {
    const [, , runtime = ""] = dockerfile.split(/^FROM /m);
    const install = runInstructions().find((run) => run.includes("fonts-noto-cjk"));
    expect(install).toMatch(/apt-get install -y --no-install-recommends fonts-noto-cjk/);
    expect(runtime).toContain("fonts-noto-cjk");
    // The package (installed here by .ci/run) is the one that ships the file the bot opens.
    expect(execFileSync("dpkg", ["-S", NOTO_CJK_PATH]).toString()).toMatch(/^fonts-noto-cjk: /);
  });

  it("GIVEN the runtime stage's sqlite3 clean-up THEN only the binding is left and it still opens a database", () => {
    const cleanup = runInstructions().find((run) => run.startsWith("cd node_modules/sqlite3"));
    expect(cleanup, "a RUN that trims node_modules/sqlite3").toBeDefined();
    for (const name of ["sqlite3", "bindings", "file-uri-to-path"])
      cpSync(join("node_modules", name), join(scratch, "node_modules", name), { recursive: true });
    execFileSync("bash", ["-euc", cleanup!.replaceAll(APP, scratch)], { cwd: scratch });

    const left = execFileSync("find", ["node_modules/sqlite3", "-type", "f"], { cwd: scratch })
      .toString()
      .trim()
      .split("\n");
    expect(left.filter((file) => /\.(a|o|c|cc|h|gyp|mk)$|\/deps\//.test(file))).toEqual([]);
    const version = execFileSync(
      "node",
      [
        "-e",
        `const s = require(${JSON.stringify(join(scratch, "node_modules/sqlite3"))});
         new s.Database(":memory:").get("select sqlite_version() as v", (e, r) => {
           if (e) throw e; process.stdout.write(r.v);
         });`,
      ],
      { cwd: scratch },
    ).toString();
    expect(version).toMatch(/^3\.\d+\.\d+$/);
  });
});
