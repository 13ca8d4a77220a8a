// @ts-check
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

/*
 * The layers' boundaries (see STYLE.md's shape), checked on every import, type imports included.
 * ESLint applies one set of options per rule and file (the last block that matches wins), so
 * each layer's block lists every restriction that layer needs.
 */
const DISCORD_JS = {
  dynamic: "^(discord\\.js$|@discordjs/)",
  paths: [
    {
      name: "discord.js",
      message:
        "Only src/discord/ and commands/ talk to Discord; ask the Discord port (ctx.discord).",
    },
  ],
  patterns: [
    {
      group: ["@discordjs/*"],
      message: "Only src/discord/ and commands/ talk to Discord.",
    },
  ],
};
const SRC_DISCORD = {
  dynamic: "(^|/)discord/",
  patterns: [
    {
      regex: "(^|/)discord/",
      message:
        "Services and domain stay Discord-free: take and return plain data; src/discord renders it.",
    },
  ],
};
const KEYV = {
  dynamic: "^(keyv|@keyv/)",
  patterns: [
    {
      regex: "^(keyv|@keyv/)",
      message: "Only src/store/ imports keyv: use the repositories in ctx.",
    },
  ],
};
const STORE = {
  dynamic: "(^|/)store/",
  patterns: [
    {
      regex: "(^|/)store/",
      message: "The domain is pure rules: the service reads the store and passes plain values in.",
    },
  ],
};
const NODE_IO = {
  dynamic:
    "^(node:)?(fs|net|http|https|http2|child_process|cluster|dgram|dns|tls|worker_threads|readline|os|process|inspector|v8|vm)(/|$)",
  patterns: [
    {
      regex:
        "^(node:)?(fs|net|http|https|http2|child_process|cluster|dgram|dns|tls|worker_threads|readline|os|process|inspector|v8|vm)(/|$)",
      message: "The domain does no I/O: the service does it and passes plain values in.",
    },
  ],
};
const SERVICES = {
  dynamic: "(^|/)services/",
  patterns: [
    {
      regex: "(^|/)services/",
      message: "src/discord renders what services return; the types it needs live in src/domain.",
    },
  ],
};
const restrictImports = (...sets) => [
  "error",
  {
    paths: sets.flatMap((set) => set.paths ?? []),
    patterns: sets.flatMap((set) => set.patterns ?? []),
  },
];
/** The same sets for `import("…")`, which no-restricted-imports does not see. */
const dynamicImports = (...sets) =>
  sets.map((set) => ({
    selector: `ImportExpression > Literal.source[value=/${set.dynamic.replaceAll("/", "\\/")}/]`,
    message: `${set.patterns?.[0]?.message ?? set.paths?.[0]?.message} (a dynamic import too)`,
  }));
const restrictSyntax = (...selectors) => ["error", ...selectors];
const CLOCK = "The domain reads no clock: take the time as an argument (ctx.now() in services).";
/** Every way the domain could read the clock; `new Date(x)` and `DateTime.local(y, m, d)` are fine. */
const CLOCK_READS = [
  "MemberExpression[object.name='Date'][property.name='now']",
  "NewExpression[callee.name='Date'][arguments.length=0]",
  "CallExpression[callee.name='Date']",
  "MemberExpression[object.name='process'][property.name='hrtime']",
  "MemberExpression[object.name='DateTime'][property.name='now']",
  "CallExpression[callee.object.name='DateTime'][callee.property.name=/^(local|utc)$/][arguments.length=0]",
  // Intl's format() with no date formats now.
  "CallExpression[callee.property.name=/^(format|formatToParts)$/][arguments.length=0]",
].map((selector) => ({ selector, message: CLOCK }));

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "coverage/", "data/*.sqlite*"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["src/**/*.ts", "commands/**/*.ts"],
    ignores: ["src/store/**"],
    rules: {
      "no-restricted-imports": restrictImports(KEYV),
      "no-restricted-syntax": restrictSyntax(...dynamicImports(KEYV)),
    },
  },
  {
    // Only src/discord/ (and commands/) talk to Discord: the entry points and the composition root too.
    files: ["src/**/*.ts"],
    ignores: ["src/discord/**", "src/store/**"],
    rules: {
      "no-restricted-imports": restrictImports(DISCORD_JS, KEYV),
      "no-restricted-syntax": restrictSyntax(...dynamicImports(DISCORD_JS, KEYV)),
    },
  },
  {
    // Services call the port; the port never calls back into services (no import loop).
    files: ["src/discord/**/*.ts"],
    rules: {
      "no-restricted-imports": restrictImports(KEYV, SERVICES),
      "no-restricted-syntax": restrictSyntax(...dynamicImports(KEYV, SERVICES)),
    },
  },
  {
    files: ["src/services/**/*.ts"],
    rules: {
      "no-restricted-imports": restrictImports(DISCORD_JS, SRC_DISCORD, KEYV),
      "no-restricted-syntax": restrictSyntax(...dynamicImports(DISCORD_JS, SRC_DISCORD, KEYV)),
    },
  },
  {
    files: ["src/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": restrictImports(DISCORD_JS, SRC_DISCORD, KEYV, STORE, NODE_IO),
      "no-restricted-syntax": restrictSyntax(
        ...dynamicImports(DISCORD_JS, SRC_DISCORD, KEYV, STORE, NODE_IO),
        ...CLOCK_READS,
      ),
      "no-restricted-globals": [
        "error",
        { name: "process", message: "The domain reads no environment: take values as arguments." },
        { name: "fetch", message: "The domain does no I/O." },
        { name: "performance", message: CLOCK },
        { name: "globalThis", message: "The domain takes what it needs as arguments." },
      ],
    },
  },
  {
    // Tests go through the repositories too. The store's own suites (tests/store, mirroring
    // src/store) and the benchmarks' raw baselines read the engines beneath them; a test that
    // injects a fault into the database says so where it imports keyv.
    files: ["tests/**/*.ts", "bench/**/*.ts"],
    ignores: ["tests/store/**", "bench/**"],
    rules: {
      "no-restricted-imports": restrictImports(KEYV),
      "no-restricted-syntax": restrictSyntax(...dynamicImports(KEYV)),
    },
  },
  {
    // expect.any()/expect.stringContaining() are typed any by design.
    files: ["tests/**/*.ts"],
    rules: { "@typescript-eslint/no-unsafe-assignment": "off" },
  },
  {
    files: ["**/*.js"],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    // The playground's page runs in the browser as plain ES modules.
    files: ["playground/web/**/*.js"],
    languageOptions: { globals: globals.browser },
  },
);
