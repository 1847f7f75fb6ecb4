import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * What a batch system's jobs need to run one experiment's shards and merge them: where cellsim
 * is, where to start, which file, which folder, and the `run` flags that change the plan. Shared
 * by `cellsim slurm` and `cellsim k8s` (docs/scale-out.md).
 */

/** One experiment as the shards and the merge job run it. */
export interface SweepTarget {
  /** The experiment file as given (relative to `workDir`, or absolute). */
  experiment: string;
  /** Absolute output folder the shards and the merge share. */
  outDir: string;
  /** Folder the jobs start in: the shards and the merge must run from the same one. */
  workDir: string;
  /** The experiment's name (for job names). */
  name: string;
  /** Number of shards (array tasks, Indexed Job completions). */
  shards: number;
  /** `run` flags that change the plan (`--quick`, `--seeds`, …), passed to every shard. */
  runFlags: string[];
}

/**
 * Absolute path of the built CLI entry that is running now: the binary's launcher
 * (dist/bundle/cli/cellsim.cjs) when this is its CommonJS bundle, else dist/bundle/cli/main.js
 * (the ES-module bundle) or dist/src/cli/main.js (unbundled).
 */
export function cellsimMain(): string {
  const here = import.meta.url;
  if (here.endsWith("/cli.cjs")) return fileURLToPath(new URL("./cellsim.cjs", here));
  return fileURLToPath(new URL("../cli/main.js", here));
}

/** The `run` flags that reproduce command-line overrides, in the order `run --help` lists them. */
export function overrideFlags(o: {
  quick: boolean;
  seeds?: string | undefined;
  horizon?: string | undefined;
  plugin?: string[] | undefined;
  ignoreBudget: boolean;
}): string[] {
  return [
    ...(o.seeds !== undefined ? ["--seeds", o.seeds] : []),
    ...(o.horizon !== undefined ? ["--horizon", o.horizon] : []),
    ...(o.plugin ?? []).flatMap((p) => ["--plugin", p]),
    ...(o.ignoreBudget ? ["--ignore-budget"] : []),
    ...(o.quick ? ["--quick"] : []),
  ];
}

/** The default output folder, as `cellsim run` chooses it, made absolute from `workDir`. */
export function defaultOutDir(workDir: string, name: string, quick: boolean): string {
  return path.resolve(workDir, "reports", quick ? `${name}-quick` : name);
}
