import { InputError } from "../../engine/errors.js";
import { bestFit } from "./best-fit.js";
import { firstFit } from "./first-fit.js";
import { leastLoaded } from "./least-loaded.js";
import { paragon } from "./paragon.js";
import { randomFirstFit } from "./random-first-fit.js";
import type { PlacementPolicy } from "./types.js";

export type { Place, PlacementPolicy, TaskRequest } from "./types.js";

/** Every placement policy, by the name experiment files use. */
export const PLACEMENT_POLICIES: Readonly<Record<string, PlacementPolicy>> = {
  "random-first-fit": randomFirstFit,
  "first-fit": firstFit,
  "best-fit": bestFit,
  "least-loaded": leastLoaded,
  paragon,
};

/** The named policy, or an InputError listing the valid names. */
export function getPlacementPolicy(name: string): PlacementPolicy {
  const policy = PLACEMENT_POLICIES[name];
  if (!policy) {
    throw new InputError(
      `unknown placement policy "${name}"; valid: ${Object.keys(PLACEMENT_POLICIES).join(", ")}`,
    );
  }
  return policy;
}
