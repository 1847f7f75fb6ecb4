import type { Architecture } from "../cluster/architecture.js";
import type { ClusterModel } from "../cluster/model.js";
import { InputError } from "../engine/errors.js";
import type { RngFactory } from "../engine/rng.js";
import { Monolithic } from "./monolithic.js";
import type { Place } from "./placement/types.js";
import type { ArchitectureSpec } from "./specs.js";

/** What an architecture is built from: the model, the placement policy's placer and the run's streams. */
export interface ArchitectureContext {
  model: ClusterModel;
  /** Builds a placer for the cell size (one per scheduler: placers keep scratch buffers). */
  makePlacer: () => Place;
  rng: RngFactory;
}

interface ArchitectureEntry {
  description: string;
  create(spec: ArchitectureSpec, ctx: ArchitectureContext): Architecture;
}

/** Every architecture, by the `architecture.type` name experiment files use. */
export const ARCHITECTURES: Readonly<Record<string, ArchitectureEntry>> = {
  monolithic: {
    description: "One scheduler, one queue, serialized decisions (single-path or multi-path decision times)",
    create: (spec, ctx) =>
      new Monolithic(ctx.model, spec.decisionTime, ctx.makePlacer(), ctx.rng.stream("placement:monolithic")),
  },
};

/** Builds the architecture named by `spec.type`, or throws an InputError listing the valid names. */
export function createArchitecture(spec: ArchitectureSpec, ctx: ArchitectureContext): Architecture {
  const entry = ARCHITECTURES[spec.type];
  if (!entry) {
    throw new InputError(
      `unknown architecture "${spec.type}"; valid: ${Object.keys(ARCHITECTURES).join(", ")}`,
    );
  }
  return entry.create(spec, ctx);
}
