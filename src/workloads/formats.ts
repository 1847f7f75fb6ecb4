import { readNativeTrace, type TraceJobs, type TraceReadOptions } from "./native-csv.js";

/** A trace file format: how to read it into prefill + submitted JobSpecs. */
export interface TraceFormat {
  /** One line for `cellsim list`. */
  readonly description: string;
  /** Reads the file at `path`; bad input → InputError naming `path:line`. */
  read(path: string, opts?: TraceReadOptions): Promise<TraceJobs>;
}

/**
 * Trace formats by name (the `format` field of a trace workload). More formats come later:
 * google-2011, swf, alibaba-2018.
 */
export const TRACE_FORMATS = Object.freeze({
  cellsim: {
    description:
      "native CSV: job_id,submit_s,workload,tasks,cpus_per_task,mem_gb_per_task,duration_s[,prefill] (.gz ok)",
    read: readNativeTrace,
  },
} satisfies Record<string, TraceFormat>);

/** A registered format name. */
export type TraceFormatName = keyof typeof TRACE_FORMATS;
