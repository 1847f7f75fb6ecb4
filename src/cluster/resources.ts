import { InputError } from "../engine/errors.js";

/**
 * Resources as a vector. Every cell has CPU and memory; a cell may declare further dimensions
 * (local SSD, GPUs, licences, …) by name. CPU and memory keep dedicated arrays because every
 * placement reads them for every candidate machine; the further dimensions are held per dimension
 * in declaration order and are checked only when a task asks for them, so cells and jobs without
 * them run exactly the code (and produce exactly the results) they did before dimensions existed.
 *
 * A task's demand of the further dimensions is an {@link ExtraAmounts} vector in the cell's order;
 * `undefined` means "none of them" (the common case, and free on the hot path).
 */

/** Amounts of a cell's further dimensions, in the cell's declaration order. */
export type ExtraAmounts = Float64Array;

/** A further resource dimension of a cell: its name and each machine's capacity. */
export interface ExtraDimension {
  /** The dimension's name as configs and jobs spell it (e.g. "ssdGb", "gpus"). */
  readonly name: string;
  /** Capacity of each machine. */
  readonly capacity: ArrayLike<number>;
}

/**
 * A job's per-task demand as a vector in the cell's order, or `undefined` when it asks for none
 * of the further dimensions (or only zeros). Throws on a name the cell does not declare: plan-time
 * checks report that as an input error before a run starts.
 */
export function extraAmounts(
  names: readonly string[],
  resources: Readonly<Record<string, number>> | undefined,
): ExtraAmounts | undefined {
  if (resources === undefined) return undefined;
  let any = false;
  const amounts = new Float64Array(names.length);
  for (const [name, amount] of Object.entries(resources)) {
    const d = names.indexOf(name);
    if (d < 0)
      throw new InputError(`resource "${name}" is not a dimension of this cell (it has: ${listOf(names)})`);
    amounts[d] = amount;
    if (amount !== 0) any = true;
  }
  return any ? amounts : undefined;
}

/** Names for messages: "cpus, memGb" plus the cell's further dimensions. */
export function listOf(names: readonly string[]): string {
  return ["cpus", "memGb", ...names].join(", ");
}
