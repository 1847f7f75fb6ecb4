import type { ArchitectureEntry } from "../plugins/define.js";
import { monolithic } from "./monolithic/index.js";
import { sharedState } from "./shared-state/index.js";
import { staticPartition } from "./static-partition/index.js";
import { twoLevel } from "./two-level/index.js";

/**
 * cellsim's own architectures, registered exactly as a plug-in's are. Adding one is a folder
 * (`<name>/index.ts`: its zod schema and `defineArchitecture`; the class and its spec type
 * beside it) plus a line here.
 */
export const BUILTIN_ARCHITECTURES: readonly ArchitectureEntry[] = [
  monolithic,
  staticPartition,
  twoLevel,
  sharedState,
];
