#!/usr/bin/env node
import { hideBin } from "yargs/helpers";
import { main } from "./app.js";

/** Entry point of the `cellsim` binary (see app.ts). */
process.exitCode = await main(hideBin(process.argv));
