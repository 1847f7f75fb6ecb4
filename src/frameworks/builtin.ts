import { CHRONOS } from "./chronos/index.js";
import { HADOOP } from "./hadoop/index.js";
import { MARATHON } from "./marathon/index.js";
import { MPI } from "./mpi/index.js";
import { SPARK } from "./spark/index.js";
import type { FrameworkEntry } from "./types.js";

/**
 * The framework behaviours a `frameworks` workload may use, by `type`. Each lives in its own
 * folder (docs/frameworks.md).
 */
export const FRAMEWORK_BEHAVIOURS: readonly FrameworkEntry[] = [HADOOP, SPARK, MPI, MARATHON, CHRONOS];
