import path from "node:path";
import type { ShardManifest, ShardManifestFile } from "./shard-manifest.js";
import { shardOf } from "./shard-spec.js";

/**
 * The commands that re-run the shards owning some runs: what `cellsim merge` prints when runs
 * are missing or corrupt. A re-run shard resumes, so only the missing runs execute again.
 */

/** A word as a POSIX shell reads it back unchanged (single quotes unless plainly safe). */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The flags that reproduce a shard's overrides and command-line plug-ins. */
function flags(m: ShardManifest): string[] {
  const { overrides } = m;
  return [
    ...(overrides.quick ? ["--quick"] : []),
    ...(overrides.seeds ? ["--seeds", overrides.seeds.join(",")] : []),
    ...(overrides.horizon !== undefined ? ["--horizon", overrides.horizon] : []),
    ...(overrides.ignoreBudget ? ["--ignore-budget"] : []),
    ...m.pluginArgs.flatMap((p) => ["--plugin", p]),
  ];
}

/**
 * One `cellsim run … --shard i/n --out DIR` line per shard owning a run at one of `positions`,
 * with n the first manifest's count and DIR the folder holding that shard's manifest (else the
 * first folder). Prefixed with `cd` to the shards' folder when the merge runs elsewhere.
 */
export function rerunCommands(
  positions: readonly number[],
  manifests: readonly ShardManifestFile[],
  dirs: readonly string[],
): string {
  const reference = manifests[0]?.manifest;
  if (!reference) return "";
  const { count } = reference.shard;
  const shards = [...new Set(positions.map((p) => shardOf(p, count)))].sort((a, b) => a - b);
  const { cwd, file } = reference.experiment;
  const elsewhere = cwd !== process.cwd();
  const prefix = elsewhere ? `cd ${shellWord(cwd)} && ` : "";
  return shards
    .map((index) => {
      const owner = manifests.find(
        (m) => m.manifest.shard.index === index && m.manifest.shard.count === count,
      );
      const dir = owner?.dir ?? dirs[0] ?? ".";
      const out = elsewhere ? path.resolve(dir) : dir;
      const words = ["cellsim", "run", file ?? "EXPERIMENT.json"];
      words.push(...flags(reference), "--shard", `${index}/${count}`, "--out", out);
      return `  ${prefix}${words.map(shellWord).join(" ")}`;
    })
    .join("\n");
}
