import type { Architecture } from "../cluster/architecture.js";
import { InputError } from "../engine/errors.js";
import type { ArchitectureContext } from "./context.js";
import { Monolithic } from "./monolithic.js";
import { SharedState } from "./shared-state.js";
import type { ArchitectureSpec } from "./specs.js";
import { StaticPartition } from "./static-partition.js";
import { TwoLevel } from "./two-level/index.js";

export type { ArchitectureContext } from "./context.js";

interface ArchitectureEntry {
  description: string;
  create(spec: ArchitectureSpec, ctx: ArchitectureContext): Architecture;
}

/** Every architecture, by the `architecture.type` name experiment files use. */
export const ARCHITECTURES: Readonly<Record<ArchitectureSpec["type"], ArchitectureEntry>> = {
  monolithic: {
    description: "One scheduler, one queue, serialized decisions (single-path or multi-path decision times)",
    create: (spec, ctx) =>
      new Monolithic(ctx.model, spec.decisionTime, ctx.makePlacer(), ctx.rng.stream("placement:monolithic")),
  },
  "static-partition": {
    description: "Fixed machine partitions per workload kind, one monolithic scheduler each",
    create: (spec, ctx) =>
      new StaticPartition(ctx.model, spec as Extract<ArchitectureSpec, { type: "static-partition" }>, ctx),
  },
  "two-level": {
    description: "Mesos-style offers: DRF allocator, one framework per kind, offers lock the free cell",
    create: (spec, ctx) =>
      new TwoLevel(ctx.model, spec as Extract<ArchitectureSpec, { type: "two-level" }>, ctx),
  },
  "shared-state": {
    description: "Omega: parallel schedulers on private snapshots with optimistic commits",
    create: (spec, ctx) =>
      new SharedState(ctx.model, spec as Extract<ArchitectureSpec, { type: "shared-state" }>, ctx),
  },
};

/** Builds the architecture named by `spec.type`, or throws an InputError listing the valid names. */
export function createArchitecture(spec: ArchitectureSpec, ctx: ArchitectureContext): Architecture {
  const entry = (ARCHITECTURES as Record<string, ArchitectureEntry | undefined>)[spec.type];
  if (!entry) {
    throw new InputError(
      `unknown architecture "${spec.type}"; valid: ${Object.keys(ARCHITECTURES).join(", ")}`,
    );
  }
  return entry.create(spec, ctx);
}
