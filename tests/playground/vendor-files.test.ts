import { readFile } from "node:fs/promises";
import { describe, expect, test } from "vitest";
import { readVendorFile } from "../../playground/vendor-files.js";

describe("the page's vendored packages under /web/vendor/", () => {
  test("every bare name in the page's import map resolves to a file that is served", async () => {
    const html = await readFile(
      new URL("../../playground/web/index.html", import.meta.url),
      "utf8",
    );
    const map = JSON.parse(
      /<script type="importmap">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? "{}",
    ) as {
      imports: Record<string, string>;
    };
    const entries = Object.entries(map.imports).filter(([name]) => !name.endsWith("/"));
    expect(entries.length).toBeGreaterThan(0);
    for (const [name, path] of entries) {
      const file = await readVendorFile(path);
      expect(file, name).not.toBeNull();
      expect(file?.contentType).toMatch(/^text\/javascript/);
    }
  });

  test.each([
    ["/web/vendor/lit/../../package.json", "out of the package"],
    ["/web/vendor/lit/%2e%2e/%2e%2e/package.json", "out of the package, encoded"],
    ["/web/vendor/pino/pino.js", "a package the page does not use"],
    ["/web/vendor/lit/package.json", "not a script"],
    ["/web/vendor/lit/nope.js", "a missing file"],
  ])("GIVEN %s (%s) THEN nothing is served", async (path) => {
    expect(await readVendorFile(path)).toBeNull();
  });
});
