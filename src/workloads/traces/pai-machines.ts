import { InputError } from "../../engine/errors.js";
import { forEachLine } from "./lines.js";
import { expandTracePaths } from "./paths.js";
import { expectColumns, numField, RowIssues, splitCsvLine } from "./rows.js";
import type { ReasonCounts } from "./types.js";

/**
 * The cell of Alibaba PAI 2020 from its `pai_machine_spec` table (headerless CSV: machine,
 * gpu_type, cap_cpu, cap_mem, cap_gpu; cap_cpu in CPU cores, cap_mem in GB, cap_gpu in whole
 * GPUs). cellsim's explicit cell is homogeneous, so the traced cell (several machine kinds: 8-GPU
 * V100/P100 nodes, 2-GPU T4 nodes, …) becomes its machine count × its most common spec. A spec is
 * the (CPUs, memory, GPUs) triple: the GPU model does not change what fits.
 */

/** One machine spec of the table and how many machines have it. */
export interface PaiMachineKind {
  /** The gpu_type values of the machines with this spec, sorted. */
  gpuTypes: string[];
  cpus: number;
  memGb: number;
  gpus: number;
  machines: number;
}

/** The cell a pai_machine_spec table implies. */
export interface PaiCell {
  /** The experiment file's `cluster` block: every machine, each with the most common spec. */
  cluster: { machines: number; cpus: number; memGb: number; resources: { gpus: number } };
  /** Every spec, most common first (ties: more GPUs, then CPUs, then memory first). */
  kinds: PaiMachineKind[];
  /** GPUs of the traced machines (the derived cell has `machines × cluster.resources.gpus`). */
  tracedGpus: number;
  files: string[];
  rows: number;
  /** Unusable rows skipped (only with `skipInvalid`), by reason. */
  skipped: ReasonCounts;
}

/** Reads pai_machine_spec file(s) into the cell they imply; bad rows name file:line. */
export async function readPaiMachineSpec(
  paths: string | readonly string[],
  opts: { skipInvalid?: boolean } = {},
): Promise<PaiCell> {
  const files = expandTracePaths(paths);
  const issues = new RowIssues(opts.skipInvalid ?? false);
  const byKey = new Map<string, PaiMachineKind>();
  let rows = 0;
  await forEachLine(files, (line, lineNo, file) => {
    if (line.trim() === "") return;
    rows++;
    issues.guard(file, lineNo, () => {
      const f = splitCsvLine(line);
      expectColumns(f, 5);
      const cpus = numField(f, 2, "cap_cpu", { min: Number.MIN_VALUE });
      const memGb = numField(f, 3, "cap_mem", { min: Number.MIN_VALUE });
      const gpus = numField(f, 4, "cap_gpu", { empty: 0 });
      const key = `${cpus},${memGb},${gpus}`;
      const seen = byKey.get(key) ?? { gpuTypes: [], cpus, memGb, gpus, machines: 0 };
      const gpuType = f[1] ?? "";
      if (!seen.gpuTypes.includes(gpuType)) seen.gpuTypes.push(gpuType);
      seen.machines++;
      byKey.set(key, seen);
    });
  });
  const kinds = [...byKey.values()]
    .map((k) => ({ ...k, gpuTypes: k.gpuTypes.sort() }))
    .sort((a, b) => b.machines - a.machines || b.gpus - a.gpus || b.cpus - a.cpus || b.memGb - a.memGb);
  const top = kinds[0];
  if (!top) throw new InputError(`${files.join(", ")}: no machines in pai_machine_spec`);
  const machines = kinds.reduce((n, k) => n + k.machines, 0);
  return {
    cluster: { machines, cpus: top.cpus, memGb: top.memGb, resources: { gpus: top.gpus } },
    kinds,
    tracedGpus: kinds.reduce((n, k) => n + k.machines * k.gpus, 0),
    files,
    rows,
    skipped: issues.skipped,
  };
}
