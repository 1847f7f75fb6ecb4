import js from "@eslint/js";
import tseslint from "typescript-eslint";

/** Nothing in src/ imports a study (studies/omega, studies/quasar, …). */
const NO_STUDIES = { group: ["**/studies/**"], message: "src/ must not import studies/." };

export default tseslint.config(
  { ignores: ["dist/", "reports/", "node_modules/", "coverage/", "docs-api/", ".stryker-tmp/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // The `cellsim` binary's launcher (scripts/cli-launcher.cjs): plain CommonJS, run by node as is.
    files: ["scripts/cli-launcher.cjs"],
    languageOptions: {
      sourceType: "commonjs",
      globals: { require: "readonly", module: "writable", __dirname: "readonly", process: "readonly" },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Determinism: simulation code must not read the wall clock or unseeded randomness.
    files: [
      "src/engine/**",
      "src/cluster/**",
      "src/policies/**",
      "src/architectures/**",
      "src/workloads/**",
      "src/metrics/**",
      "src/quasar/**",
      "src/allocation/**",
      // The worked examples' plug-ins (examples/*/test/ is linted by the rules above only).
      "examples/*/*.js",
    ],
    rules: {
      "no-restricted-properties": [
        "error",
        { object: "Math", property: "random", message: "Use a named RandomStream (src/engine/rng.ts)." },
        { object: "Date", property: "now", message: "Simulation code must not read the wall clock." },
        { object: "performance", property: "now", message: "Simulation code must not read the wall clock." },
      ],
      "no-restricted-syntax": [
        "error",
        {
          selector: "NewExpression[callee.name='Date']",
          message: "Simulation code must not read the wall clock.",
        },
      ],
    },
  },
  {
    // The plug-in point is cast-free: each entry's config type is sealed inside it by its
    // define… function, so the registry, the loader and the built-in registrations need no
    // type assertions (a cast here would hide a config reaching the wrong architecture).
    files: ["src/plugins/**", "src/architectures/builtin.ts", "src/architectures/*/index.ts"],
    rules: {
      "@typescript-eslint/consistent-type-assertions": ["error", { assertionStyle: "never" }],
    },
  },
  {
    // src/ is the simulator and its generic report; a study (studies/<name>/) builds on it, never
    // the other way round.
    files: ["src/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [NO_STUDIES] }],
    },
  },
  {
    // The experiment layer knows figure kinds only through the registry (src/plugins): the
    // report sits above it, never below. (This block replaces the one above for these files, so
    // it repeats the studies pattern.)
    files: ["src/experiment/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["**/report/*"], message: "src/experiment must not import src/report." },
            NO_STUDIES,
          ],
        },
      ],
    },
  },
);
