import { EC2_TYPES, type MachineType, type TypeCount } from "./machine-types.js";
import { QUASAR_PRESETS, scaledScenario, type QuasarPresetName } from "./scenario.js";

/**
 * Heterogeneous cells: machine types and how many machines of each. A typed cell turns the
 * performance model on (machine speeds, interference pressure); a cell written as
 * `{machines, cpus, memGb}` stays homogeneous and the model off.
 */

/** Cell presets with machine types: the Quasar study's cells. */
export const TYPED_CELL_PRESETS: Readonly<Record<QuasarPresetName, readonly TypeCount[]>> = {
  "quasar-large": QUASAR_PRESETS["quasar-large"].machines,
  "quasar-batch": QUASAR_PRESETS["quasar-batch"].machines,
};

/** A preset cell's types, scaled to `fraction` of its machines per type (each keeps ≥ 1). */
export function typedCellPreset(name: QuasarPresetName, fraction: number): readonly TypeCount[] {
  const base = QUASAR_PRESETS[name];
  return fraction === 1 ? base.machines : scaledScenario(base, fraction).machines;
}

/** A machine type of the built-in catalog by name, or undefined. */
export function catalogType(name: string): MachineType | undefined {
  return EC2_TYPES.find((t) => t.name === name);
}

/** Cores of a typed cell. */
export function typedCores(types: readonly TypeCount[]): number {
  return types.reduce((s, t) => s + t.count * t.type.cores, 0);
}
