import { readAlibaba2018 } from "./traces/alibaba-2018.js";
import { readAlibabaPai2020 } from "./traces/alibaba-pai-2020.js";
import { readAzurePacking2020 } from "./traces/azure-packing-2020.js";
import { readCellsim } from "./traces/cellsim.js";
import { readGoogle2011 } from "./traces/google-2011.js";
import { readGoogle2019 } from "./traces/google-2019.js";
import { readSwf } from "./traces/swf.js";
import type { AnyReadOptions, TraceReadResult } from "./traces/types.js";

/** A trace file format: how to read it into prefill + submitted JobSpecs. */
export interface TraceFormat {
  /** One line for `cellsim list`. */
  readonly description: string;
  /**
   * Reads the files at `paths` (paths or globs, read in order); bad rows → InputError naming
   * `file:line`, or counted in `skipped` with `skipInvalid`. Options of other formats are ignored.
   */
  read(paths: string | readonly string[], opts?: AnyReadOptions): Promise<TraceReadResult>;
}

/** Trace formats by name (the `format` field of a trace workload). Mappings: docs/traces.md. */
export const TRACE_FORMATS = Object.freeze({
  cellsim: {
    description:
      "native CSV: job_id,submit_s,workload,tasks,cpus_per_task,mem_gb_per_task,duration_s[,prefill,gpus_per_task,priority,gang] (.gz ok)",
    read: readCellsim,
  },
  "google-2011": {
    description: "Google clusterdata-2011 task_events shards (+ jobEvents), gzipped CSV, globs ok",
    read: readGoogle2011,
  },
  swf: {
    description: "Standard Workload Format (Parallel Workloads Archive) logs",
    read: readSwf,
  },
  "alibaba-2018": {
    description: "Alibaba cluster-trace-v2018 batch_task.csv (one job per task row)",
    read: readAlibaba2018,
  },
  "google-2019": {
    description:
      "Google clusterdata-2019 instance_events (+ collectionEvents) exported from BigQuery as CSV or JSON lines",
    read: readGoogle2019,
  },
  "alibaba-pai-2020": {
    description:
      "Alibaba cluster-trace-gpu-v2020 pai_task_table (+ jobTable), one job per task row, fractional GPUs",
    read: readAlibabaPai2020,
  },
  "azure-packing-2020": {
    description: "Azure packing trace 2020 (AzurePackingTraceV1 .sqlite: vm + vmType tables; one job per VM)",
    read: readAzurePacking2020,
  },
} satisfies Record<string, TraceFormat>);

/** A registered format name. */
export type TraceFormatName = keyof typeof TRACE_FORMATS;

/** The registered format names, in registry order. */
export const TRACE_FORMAT_NAMES = Object.keys(TRACE_FORMATS) as TraceFormatName[];

/** Reads a trace in the named format. */
export function readTrace(
  format: TraceFormatName,
  paths: string | readonly string[],
  opts: AnyReadOptions = {},
): Promise<TraceReadResult> {
  return TRACE_FORMATS[format].read(paths, opts);
}
