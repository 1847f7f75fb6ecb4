import { z } from "zod";
import { WORKLOAD_KINDS } from "../../cluster/job.js";
import { defineArchitecture, type Finding } from "../../plugins/define.js";
import { decisionTimesSchema, displayName } from "../common.js";
import { frameworkRoutingFindings, routeBySchema } from "../routing.js";
import {
  frameworkFractions,
  partitionSizes,
  partitionSizesOf,
  StaticPartition,
  type StaticPartitionSpec,
} from "./static-partition.js";

const fraction = z.number().min(0).max(1);
const SUM_MESSAGE = "partition fractions must sum to at most 1";
const sumsToAtMostOne = (p: Record<string, number>) =>
  Object.values(p).reduce((a, b) => a + b, 0) <= 1 + 1e-9;

const schema = z.strictObject({
  name: displayName,
  decisionTime: decisionTimesSchema.prefault({}),
  partitions: z
    .strictObject({ batch: fraction, service: fraction })
    .refine(sumsToAtMostOne, SUM_MESSAGE)
    .prefault({ batch: 0.5, service: 0.5 }),
  routeBy: routeBySchema,
  frameworkPartitions: z.record(z.string(), fraction).refine(sumsToAtMostOne, SUM_MESSAGE).optional(),
});

/** Findings on partitions by framework: names the workload does not have, empty partitions. */
function frameworkFindings(spec: StaticPartitionSpec, names: readonly string[], machines: number): Finding[] {
  const findings: Finding[] = [];
  for (const name of Object.keys(spec.frameworkPartitions ?? {}))
    if (!names.includes(name))
      findings.push({
        level: "error",
        path: ["frameworkPartitions", name],
        message: `no framework "${name}" in the workload: expected one of ${names.join("|")}`,
      });
  const sizes = partitionSizesOf(frameworkFractions(names, spec.frameworkPartitions), machines);
  names.forEach((name, i) => {
    if (sizes[i] === 0)
      findings.push({
        level: "warning",
        path: ["frameworkPartitions", name],
        message: `the partition of framework ${name} has 0 of the cell's ${machines} machines: none of its jobs can ever run`,
      });
  });
  return findings;
}

/** Static partitioning: one monolithic scheduler per kind (or per framework) on its own machines. */
export const staticPartition = defineArchitecture<StaticPartitionSpec>({
  name: "static-partition",
  description: "Fixed machine partitions per workload kind (or per framework), one monolithic scheduler each",
  schema,
  create: (spec, host) => new StaticPartition(host, spec),
  // A partition rounded to 0 machines leaves its kind's jobs nowhere to run: they are tried and
  // abandoned like any job that never fits, so the run is valid, but almost surely not meant.
  check: (spec, facts) => {
    if (spec.routeBy === "framework") {
      const routing = frameworkRoutingFindings(spec.routeBy, facts);
      return routing.length > 0
        ? routing
        : frameworkFindings(spec, facts.frameworks ?? [], facts.cluster.machines);
    }
    const findings: Finding[] = [];
    if (spec.frameworkPartitions !== undefined)
      findings.push({
        level: "error",
        path: ["frameworkPartitions"],
        message: 'frameworkPartitions needs routeBy "framework" (partitions per kind are `partitions`)',
      });
    const sizes = partitionSizes(spec.partitions, facts.cluster.machines);
    for (const kind of facts.kindsWithJobs)
      if (sizes[kind] === 0)
        findings.push({
          level: "warning",
          path: ["partitions", kind],
          message: `the ${kind} partition has 0 of the cell's ${facts.cluster.machines} machines: no ${kind} job can ever run`,
        });
    return findings;
  },
  failoverTargets: (spec, frameworks) =>
    spec.routeBy === "framework"
      ? { names: (frameworks ?? []).map((name) => `partition-${name}`) }
      : { names: WORKLOAD_KINDS.map((kind) => `partition-${kind}`) },
});

export type { StaticPartitionSpec } from "./static-partition.js";
