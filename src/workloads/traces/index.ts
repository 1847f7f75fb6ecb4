/** Trace readers, one per format, their shared types (see formats.ts for the registry), and the machine-event readers. */
export { readAlibaba2018 } from "./alibaba-2018.js";
export { readAlibabaPai2020 } from "./alibaba-pai-2020.js";
export { readPaiMachineSpec, type PaiCell, type PaiMachineKind } from "./pai-machines.js";
export { readAzurePacking2020, AZURE_DEFAULT_MACHINE, AZURE_JOB_PRIORITY } from "./azure-packing-2020.js";
export { readCellsim } from "./cellsim.js";
export { readGoogle2011, GOOGLE_DEFAULT_MACHINE, GOOGLE_DEFAULT_SERVICE_RULE } from "./google-2011.js";
export { readSwf } from "./swf.js";
export { readGoogle2019, GOOGLE_2019_SERVICE_RULE } from "./google-2019.js";
export { GOOGLE_2019_FRAMEWORK } from "./google-2019-deps.js";
export { expandTracePaths } from "./paths.js";
export type * from "./types.js";
export { readGoogleMachineEvents, type GoogleMachineReadOptions } from "./google-machines.js";
export { readNativeMachineEvents, MACHINE_EVENTS_HEADER } from "./native-machines.js";
export { readGoogle2019MachineEvents } from "./google-2019-machines.js";
