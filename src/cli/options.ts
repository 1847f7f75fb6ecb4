import { InputError } from "../engine/errors.js";

/** Parsing of command-line values yargs leaves as strings or loose numbers. */

/** `--seeds 1,2,3` → [1, 2, 3]; anything but distinct non-negative integers is an InputError. */
export function parseSeeds(text: string | undefined): number[] | undefined {
  if (text === undefined) return undefined;
  const parts = String(text)
    .split(",")
    .map((s) => s.trim());
  const seeds = parts.map(Number);
  if (parts.some((p) => !/^\d+$/.test(p)) || new Set(seeds).size !== seeds.length) {
    throw new InputError(
      `--seeds: expected distinct non-negative integers separated by commas, got "${text}"`,
    );
  }
  return seeds;
}

/** `--jobs N`: a positive integer (yargs turns "abc" into NaN). */
export function parseJobs(value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < 1)
    throw new InputError(`--jobs: expected a positive integer, got ${value}`);
  return value;
}

/** `--figures a,b` → ["a", "b"]. */
export function parseList(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  return String(text)
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/** `--plugin FILE` (repeatable): plug-in modules to load besides the experiment's own. */
export const pluginOption = {
  type: "string",
  array: true,
  describe: "plug-in module to load (repeatable; paths from the working folder): docs/extending.md",
} as const;

/** `--interactive` of `run` and `report`: vega inlined, charts with tooltips and legend selection. */
export const interactiveOption = {
  type: "boolean",
  default: false,
  describe:
    "report with interactive charts (tooltips, clickable legends); inlines vega (~1 MB), needs JavaScript",
} as const;
