import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { InputError } from "../engine/errors.js";
import { canonicalJson } from "./files.js";
import type { ExperimentPlan } from "./plan.js";
import type { CodeIdentity } from "./provenance.js";
import { parseOrThrow } from "./zod-issues.js";

/**
 * A shard manifest (`<out>/shards/shard-<i>-of-<n>.json`): what one shard ran and with what, so
 * `cellsim merge` can check that every shard of a folder (or of several folders) belongs to the
 * same sweep before it combines their run files. Written by the shard before its first run, so
 * even a shard that died is known to the merge. Each shard writes only its own manifest and its
 * own runs' files: many shards can share one output folder.
 */

/** Layout version of a shard manifest. */
export const SHARD_MANIFEST_SCHEMA_VERSION = 1;

const identitySchema = z.object({ version: z.string(), buildSha256: z.string() });
const fileSchema = z.object({ path: z.string(), sha256: z.string() });

const manifestSchema = z.object({
  schemaVersion: z.literal(SHARD_MANIFEST_SCHEMA_VERSION),
  shard: z.object({ index: z.number().int().min(0), count: z.number().int().min(1) }),
  experiment: z.object({
    name: z.string(),
    /** The experiment file as given on the command line (null: an in-memory experiment). */
    file: z.string().nullable(),
    /** The same file as an absolute path. */
    path: z.string().nullable(),
    /** The folder the shard ran in: run configs hold trace paths relative to it. */
    cwd: z.string(),
    /** {@link experimentSha256} of the plan. */
    sha256: z.string(),
  }),
  /** `--quick`, `--seeds`, `--horizon`, `--ignore-budget` as given. */
  overrides: z.object({
    seeds: z.array(z.number()).optional(),
    horizon: z.string().optional(),
    quick: z.boolean().optional(),
    ignoreBudget: z.boolean().optional(),
  }),
  /** `--plugin` modules given on the command line (absolute paths). */
  pluginArgs: z.array(z.string()),
  cellsim: identitySchema,
  plugins: z.array(fileSchema),
  inputs: z.array(fileSchema),
  /** The runs this shard owns, in stable order. */
  runIds: z.array(z.string()),
});

/** Contents of a shard manifest. */
export type ShardManifest = z.infer<typeof manifestSchema>;

/** A shard manifest and the file it was read from (for messages). */
export interface ShardManifestFile {
  file: string;
  /** The output folder holding it. */
  dir: string;
  manifest: ShardManifest;
}

/**
 * sha256 of everything results.json holds besides the run summaries: the experiment's name,
 * description, figures, sweep keys, horizon, and every run's id, seed, params and resolved
 * config in stable order. Two shards with the same value ran the same sweep.
 */
export function experimentSha256(plan: ExperimentPlan): string {
  const { name, description, figures, figureAxes, sweepPaths, horizonSec } = plan;
  const runs = plan.runs.map(({ runId, seed, params, config }) => ({ runId, seed, params, config }));
  const payload = canonicalJson({ name, description, figures, figureAxes, sweepPaths, horizonSec, runs });
  return createHash("sha256").update(payload).digest("hex");
}

/** Whether the plan was loaded from a file (loadPlan puts the file first among the inputs). */
function experimentFile(plan: ExperimentPlan): string | null {
  return plan.inputs[0]?.path === plan.file ? plan.file : null;
}

/** The manifest of shard `shard` of `plan` run by `code`, owning `runIds`. */
export function buildShardManifest(
  plan: ExperimentPlan,
  shard: ShardManifest["shard"],
  runIds: readonly string[],
  code: CodeIdentity,
  pluginArgs: readonly string[] = [],
): ShardManifest {
  const file = experimentFile(plan);
  return {
    schemaVersion: SHARD_MANIFEST_SCHEMA_VERSION,
    shard: { index: shard.index, count: shard.count },
    experiment: {
      name: plan.name,
      file,
      path: file === null ? null : path.resolve(file),
      cwd: process.cwd(),
      sha256: experimentSha256(plan),
    },
    overrides: { ...plan.overrides },
    pluginArgs: pluginArgs.map((p) => path.resolve(p)),
    cellsim: { version: code.version, buildSha256: code.buildSha256 },
    plugins: plan.plugins.map((p) => ({ path: p.path, sha256: p.sha256 })),
    inputs: plan.inputs.map((i) => ({ path: i.path, sha256: i.sha256 })),
    runIds: [...runIds],
  };
}

/** Reads and checks a shard manifest; anything unreadable is an InputError naming the file. */
export async function readShardManifest(file: string, dir: string): Promise<ShardManifestFile> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, "utf8"));
  } catch (e) {
    const reason =
      e instanceof SyntaxError ? "not valid JSON" : ((e as NodeJS.ErrnoException).code ?? "unreadable");
    throw new InputError(`${file}: not a readable shard manifest (${reason})`);
  }
  return { file, dir, manifest: parseOrThrow(manifestSchema, json, file) };
}

/** The fields shards must agree on, each as a comparable string and a short form for messages. */
const AGREED: Record<string, (m: ShardManifest) => string> = {
  experiment: (m) => m.experiment.sha256,
  build: (m) => `${m.cellsim.version} build ${m.cellsim.buildSha256}`,
  // Hashes only: the same plug-in or trace may sit at another path on another machine.
  "plug-ins": (m) =>
    m.plugins
      .map((p) => p.sha256)
      .sort()
      .join(","),
  inputs: (m) => m.inputs.map((i) => i.sha256).join(","),
};

/** A value shortened for a message (hashes to 12 hex digits). */
function short(value: string): string {
  const text = value.replace(/[0-9a-f]{64}/g, (h) => h.slice(0, 12));
  return text === "" ? "(none)" : text;
}

/**
 * The first field on which `other` disagrees with `reference` (experiment, build, plug-ins,
 * inputs), as a message naming `other`'s file; undefined when they agree.
 */
export function disagreement(reference: ShardManifestFile, other: ShardManifestFile): string | undefined {
  for (const [field, read] of Object.entries(AGREED)) {
    const [want, got] = [read(reference.manifest), read(other.manifest)];
    if (want !== got)
      return `${other.file}: ${field} differs from ${reference.file} (${short(got)} vs ${short(want)}); it belongs to another sweep or another cellsim build`;
  }
  return undefined;
}

/** The manifest `plan` and `code` would write, for comparing a merge's own view with the shards'. */
export function ownView(plan: ExperimentPlan, code: CodeIdentity, label: string): ShardManifestFile {
  return { file: label, dir: ".", manifest: buildShardManifest(plan, { index: 0, count: 1 }, [], code) };
}
