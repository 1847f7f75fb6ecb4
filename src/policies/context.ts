import type { ClusterModel } from "../cluster/model.js";
import type { RngFactory } from "../engine/rng.js";
import type { Place } from "./placement/types.js";

/** What an architecture is built from: the model, the placement policy and the run's streams. */
export interface ArchitectureContext {
  model: ClusterModel;
  /** Builds a placer for the cell (one per scheduler: placers keep scratch buffers). */
  makePlacer: () => Place;
  rng: RngFactory;
}
