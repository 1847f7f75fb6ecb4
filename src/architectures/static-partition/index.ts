import { z } from "zod";
import { WORKLOAD_KINDS } from "../../cluster/job.js";
import { defineArchitecture } from "../../plugins/define.js";
import { decisionTimesSchema, displayName } from "../common.js";
import { partitionSizes, StaticPartition, type StaticPartitionSpec } from "./static-partition.js";

const schema = z.strictObject({
  name: displayName,
  decisionTime: decisionTimesSchema.prefault({}),
  partitions: z
    .strictObject({ batch: z.number().min(0).max(1), service: z.number().min(0).max(1) })
    .refine((p) => p.batch + p.service <= 1 + 1e-9, "partition fractions must sum to at most 1")
    .prefault({ batch: 0.5, service: 0.5 }),
});

/** Static partitioning: one monolithic scheduler per kind on its own machines. */
export const staticPartition = defineArchitecture<StaticPartitionSpec>({
  name: "static-partition",
  description: "Fixed machine partitions per workload kind, one monolithic scheduler each",
  schema,
  create: (spec, host) => new StaticPartition(host, spec),
  // A partition rounded to 0 machines leaves its kind's jobs nowhere to run: they are tried and
  // abandoned like any job that never fits, so the run is valid, but almost surely not meant.
  check: (spec, facts) => {
    const sizes = partitionSizes(spec.partitions, facts.cluster.machines);
    return facts.kindsWithJobs
      .filter((kind) => sizes[kind] === 0)
      .map((kind) => ({
        level: "warning",
        path: ["partitions", kind],
        message: `the ${kind} partition has 0 of the cell's ${facts.cluster.machines} machines: no ${kind} job can ever run`,
      }));
  },
  failoverTargets: () => ({ names: WORKLOAD_KINDS.map((kind) => `partition-${kind}`) }),
});

export type { StaticPartitionSpec } from "./static-partition.js";
