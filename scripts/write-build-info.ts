/**
 * Post-build step of `npm run build`: records cellsim's version and the sha256 of the compiled
 * code in `dist/build-info.json`, so resume keys and manifests can name the code that produced a
 * run even in an installed package (no git there).
 */
import { fileURLToPath } from "node:url";
import { writeBuildInfo } from "../src/experiment/build-info.js";
import { cellsimVersion } from "../src/experiment/provenance.js";

// Compiled to dist/scripts/write-build-info.js: one level up is dist/.
writeBuildInfo(fileURLToPath(new URL("../", import.meta.url)), cellsimVersion());
