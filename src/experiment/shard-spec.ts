import { InputError } from "../engine/errors.js";

/**
 * Which part of an experiment's runs one machine executes (docs/scale-out.md, Shards and merge).
 *
 * Shard `i` of `n` owns the runs whose stable position p (their index in the plan's run list:
 * sweep points in sweep order, each point's seeds in the file's order) satisfies p ≡ i (mod n).
 * Round-robin rather than contiguous blocks: sweeps usually grow one parameter monotonically
 * (decision time, load, cluster size), so neighbouring runs cost alike and blocks would give one
 * shard all the expensive points; dealing runs out in turn gives every shard a similar mix, so an
 * array finishes when its average shard does.
 */

/** Shard `index` of `count` (index counted from 0). */
export interface Shard {
  index: number;
  count: number;
}

/** The environment variables `--shard auto` reads (a subset of `process.env`). */
export type ShardEnv = Readonly<Record<string, string | undefined>>;

const PAIR = /^(\d+)\/(\d+)$/;

/** A non-negative integer written in decimal digits, else undefined. */
function wholeNumber(text: string | undefined): number | undefined {
  return text !== undefined && /^\d+$/.test(text.trim()) ? Number(text.trim()) : undefined;
}

/** Refuses a shard outside 0 ≤ index < count; `where` names the flag or variables it came from. */
export function checkShard(shard: Shard, where = "shard"): Shard {
  if (!Number.isInteger(shard.index) || !Number.isInteger(shard.count) || shard.index < 0)
    throw new InputError(
      `${where}: expected whole numbers index ≥ 0 and count ≥ 1, got ${shard.index}/${shard.count}`,
    );
  if (shard.count < 1)
    throw new InputError(`${where}: the shard count must be at least 1, got ${shard.count}`);
  if (shard.index >= shard.count)
    throw new InputError(
      `${where}: shard ${shard.index} does not exist in ${shard.count} shards (counted from 0: 0 to ${shard.count - 1})`,
    );
  return shard;
}

/** `--shards N` (the count given on the command line): a positive integer. */
export function parseShardCount(value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < 1)
    throw new InputError(`--shards: expected a positive integer, got ${value}`);
  return value;
}

/**
 * The shard of a Slurm array task. Without `--shards`: SLURM_ARRAY_TASK_ID − SLURM_ARRAY_TASK_MIN
 * of SLURM_ARRAY_TASK_COUNT (a contiguous array such as `--array=0-9` or `1-10`). With `--shards
 * N`: the task id itself of N, so a resubmission of only some shards (`--array=1,3`) still runs
 * shards 1 and 3 of N.
 */
function slurmShard(env: ShardEnv, count: number | undefined): Shard {
  const where = "--shard auto (Slurm array)";
  const id = wholeNumber(env.SLURM_ARRAY_TASK_ID);
  if (id === undefined)
    throw new InputError(`${where}: SLURM_ARRAY_TASK_ID is "${env.SLURM_ARRAY_TASK_ID}", not a task number`);
  if (count !== undefined) return checkShard({ index: id, count }, `${where} with --shards ${count}`);
  const min = wholeNumber(env.SLURM_ARRAY_TASK_MIN);
  const total = wholeNumber(env.SLURM_ARRAY_TASK_COUNT);
  if (min === undefined || total === undefined)
    throw new InputError(
      `${where}: SLURM_ARRAY_TASK_MIN and SLURM_ARRAY_TASK_COUNT must be task numbers (got "${env.SLURM_ARRAY_TASK_MIN}" and "${env.SLURM_ARRAY_TASK_COUNT}")`,
    );
  return checkShard({ index: id - min, count: total }, where);
}

/** The shard of a Kubernetes Indexed Job pod: JOB_COMPLETION_INDEX of `--shards N`. */
function kubernetesShard(env: ShardEnv, count: number | undefined): Shard {
  const where = "--shard auto (Kubernetes Indexed Job)";
  const index = wholeNumber(env.JOB_COMPLETION_INDEX);
  if (index === undefined)
    throw new InputError(`${where}: JOB_COMPLETION_INDEX is "${env.JOB_COMPLETION_INDEX}", not an index`);
  if (count === undefined)
    throw new InputError(`${where}: give the number of shards with --shards N (the Job's completions)`);
  return checkShard({ index, count }, where);
}

/** `--shard auto`: the shard from a Slurm array task's or a Kubernetes Indexed Job's variables. */
export function shardFromEnv(env: ShardEnv, count?: number): Shard {
  if (env.SLURM_ARRAY_TASK_ID !== undefined) return slurmShard(env, count);
  if (env.JOB_COMPLETION_INDEX !== undefined) return kubernetesShard(env, count);
  throw new InputError(
    "--shard auto: no array variables found (SLURM_ARRAY_TASK_ID of a Slurm job array, or JOB_COMPLETION_INDEX of a Kubernetes Indexed Job); give the shard as --shard i/n instead",
  );
}

/**
 * The `--shard` value: `i/n` (i from 0), or `auto` (see {@link shardFromEnv}). `--shards N`
 * goes with `auto`; given with `i/n` it must agree with n.
 */
export function parseShard(text: string | undefined, env: ShardEnv, count?: number): Shard | undefined {
  if (text === undefined) {
    if (count !== undefined) throw new InputError("--shards: only used with --shard auto");
    return undefined;
  }
  const value = String(text).trim();
  if (value === "auto") return shardFromEnv(env, count);
  const match = PAIR.exec(value);
  if (!match)
    throw new InputError(`--shard: expected i/n (e.g. 0/4, i counted from 0) or auto, got "${value}"`);
  const shard = checkShard({ index: Number(match[1]), count: Number(match[2]) }, `--shard ${value}`);
  if (count !== undefined && count !== shard.count)
    throw new InputError(`--shard ${value} and --shards ${count} disagree on the number of shards`);
  return shard;
}

/** Whether the run at stable position `position` belongs to `shard` (round-robin). */
export function inShard(position: number, shard: Shard): boolean {
  return position % shard.count === shard.index;
}

/** The shard that owns the run at stable position `position` among `count` shards. */
export function shardOf(position: number, count: number): number {
  return position % count;
}

/** The items (runs in stable order) that `shard` owns. */
export function shardItems<T>(items: readonly T[], shard: Shard): T[] {
  return items.filter((_, position) => inShard(position, shard));
}

/** `shard-<i>-of-<n>.json`: a shard's manifest file name inside `<out>/shards/`. */
export function shardFileName(shard: Shard): string {
  return `shard-${shard.index}-of-${shard.count}.json`;
}
