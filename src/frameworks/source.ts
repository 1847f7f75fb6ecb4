import { z } from "zod";
import type { FrameworkJob, JobSpec } from "../cluster/job.js";
import { defineWorkloadSource, type Finding } from "../plugins/define.js";
import { isRecord } from "../experiment/zod-issues.js";
import { FRAMEWORK_BEHAVIOURS } from "./builtin.js";
import type { FrameworkEntry } from "./types.js";

/** One framework instance of the workload, validated. */
interface Instance {
  readonly behaviour: FrameworkEntry;
  readonly name: string;
  /** Its own fields (without `type` and `name`), valid for its behaviour. */
  readonly fields: Record<string, unknown>;
}

/** The `frameworks` workload block, validated. */
export interface FrameworksSpec {
  readonly instances: readonly Instance[];
}

const byType = new Map(FRAMEWORK_BEHAVIOURS.map((b) => [b.type, b]));
const NAME = /^[a-z][a-z0-9-]*$/;

const schema: z.ZodType<FrameworksSpec, unknown> = z
  .strictObject({
    frameworks: z.array(z.unknown()).min(1, "expected at least one framework"),
  })
  .transform((block, ctx): FrameworksSpec => {
    const instances: Instance[] = [];
    const names = new Set<string>();
    block.frameworks.forEach((raw, i) => {
      const at = (...rest: PropertyKey[]) => ["frameworks", i, ...rest];
      if (!isRecord(raw)) {
        ctx.issues.push({ code: "custom", path: at(), message: "expected an object", input: raw });
        return;
      }
      const { type, name, ...fields } = raw;
      const behaviour = typeof type === "string" ? byType.get(type) : undefined;
      if (behaviour === undefined) {
        const known = [...byType.keys()].join("|");
        ctx.issues.push({
          code: "custom",
          path: at("type"),
          message: `unknown framework type ${JSON.stringify(type)}: expected one of ${known}`,
          input: type,
        });
        return;
      }
      const label = name ?? type;
      if (typeof label !== "string" || !NAME.test(label)) {
        ctx.issues.push({
          code: "custom",
          path: at("name"),
          message: "expected a name of lower-case letters, digits and - (starting with a letter)",
          input: name,
        });
        return;
      }
      if (names.has(label)) {
        ctx.issues.push({
          code: "custom",
          path: at("name"),
          message: `framework name ${label} is used twice: give each instance its own name`,
          input: name,
        });
        return;
      }
      names.add(label);
      for (const issue of behaviour.validate(fields))
        ctx.issues.push({ ...issue, path: at(...issue.path) } as never);
      instances.push({ behaviour, name: label, fields });
    });
    return { instances };
  });

/**
 * Moves a framework instance's job into the workload's id space: with `n` instances, the
 * instance's job k becomes job k·n + i (and likewise its application and the jobs it names), so
 * instances never clash and each keeps its own order.
 */
function renumber(spec: JobSpec, i: number, n: number, name: string): JobSpec {
  const fw = spec.fw;
  if (fw === undefined || fw.framework !== name)
    throw new Error(`framework ${name}: job ${spec.id} does not carry fw.framework = ${name}`);
  const id = (k: number) => k * n + i;
  const moved: FrameworkJob = {
    ...fw,
    app: id(fw.app),
    ...(fw.after === undefined ? {} : { after: fw.after.map(id) }),
    ...(fw.endsWith === undefined ? {} : { endsWith: id(fw.endsWith) }),
  };
  return { ...spec, id: id(spec.id), fw: moved };
}

/**
 * The `frameworks` workload (docs/frameworks.md): one or more framework instances, each a
 * behaviour (`type`) with its own fields and a `name` (default: its type), sharing the cell. Their
 * jobs are merged in (submitUs, id) order.
 */
export const FRAMEWORKS_SOURCE = defineWorkloadSource<FrameworksSpec>({
  name: "frameworks",
  description:
    "Framework instances sharing the cell (see Framework behaviours): jobs with phases, gangs, locality, schedules and dependencies",
  schema,
  create(spec, ctx) {
    const n = spec.instances.length;
    const feeds = spec.instances.map((inst) =>
      inst.behaviour.jobs(inst.fields, {
        name: inst.name,
        rng: ctx.rng,
        horizonUs: ctx.horizonUs,
        cluster: { machines: ctx.cluster.machines, cpus: ctx.cluster.cpus, memGb: ctx.cluster.memGb },
      }),
    );
    const heads: (JobSpec | undefined)[] = feeds.map((feed, i) => {
      const job = feed();
      return job && renumber(job, i, n, (spec.instances[i] as Instance).name);
    });
    return {
      prefill: [],
      frameworks: spec.instances.map((inst) => inst.name),
      next: () => {
        let best = -1;
        for (let i = 0; i < n; i++) {
          const head = heads[i];
          if (head === undefined) continue;
          const b = heads[best];
          if (
            b === undefined ||
            head.submitUs < b.submitUs ||
            (head.submitUs === b.submitUs && head.id < b.id)
          )
            best = i;
        }
        if (best < 0) return undefined;
        const job = heads[best] as JobSpec;
        const following = (feeds[best] as () => JobSpec | undefined)();
        heads[best] = following && renumber(following, best, n, (spec.instances[best] as Instance).name);
        return job;
      },
    };
  },
  check(spec, facts) {
    const findings: Finding[] = [];
    spec.instances.forEach((inst, i) => {
      for (const f of inst.behaviour.check(inst.fields, facts))
        findings.push({ ...f, path: ["frameworks", i, ...f.path] });
    });
    return findings;
  },
  frameworks: (spec) => spec.instances.map((inst) => inst.name),
});
