import yargs, { type Argv, type CommandModule } from "yargs";
import { isErrorNamed } from "../engine/errors.js";
import { codeIdentity } from "../experiment/provenance.js";
import * as k8s from "./commands/k8s.js";
import * as list from "./commands/list.js";
import * as merge from "./commands/merge.js";
import * as report from "./commands/report.js";
import * as run from "./commands/run.js";
import * as slurm from "./commands/slurm.js";
import * as trace from "./commands/trace.js";
import * as validate from "./commands/validate.js";

/**
 * The cellsim command line (docs/user-guide.md, Commands). Exit codes: 0 success; 2 bad input (an
 * InputError or a usage error — the message alone, no stack); 1 a task left incomplete (an
 * IncompleteError, e.g. merge with runs missing: the message alone) or anything else (a bug:
 * message and stack).
 */

/** A usage error from yargs (unknown option, missing argument). */
class UsageError extends Error {
  override readonly name = "UsageError";
}

/** `cellsim --version`: the version, and the short build hash that tells two builds of it apart. */
function versionText(): string {
  const { version, buildSha256 } = codeIdentity();
  return `${version} (build ${buildSha256.slice(0, 12)})`;
}

/** The part of yargs' internals that `skipHelpCache` touches (yargs 18; absent elsewhere). */
interface YargsInternals {
  getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: () => void } };
}

/**
 * yargs renders a command's whole help text right after starting its handler, to print it should
 * the handler fail. cellsim never prints help on a failure (see `.fail`), and laying that text out
 * costs `run` about 40 ms of start-up (string-width segments every character of it), so the cache
 * is turned off. Help itself (`--help`) is rendered when asked for, as before. If a yargs release
 * drops the internal method, nothing changes but the time.
 */
function skipHelpCache(y: Argv): void {
  const usage = (y as unknown as YargsInternals).getInternalMethods?.().getUsageInstance?.();
  if (typeof usage?.cacheHelpMessage === "function") usage.cacheHelpMessage = () => undefined;
}

function buildParser(argv: string[]): Argv {
  const commands = [run, validate, report, merge, trace, list, slurm, k8s] as unknown as CommandModule[];
  let y = yargs(argv).scriptName("cellsim");
  skipHelpCache(y);
  for (const c of commands) y = y.command(c);
  return y
    .demandCommand(1, "choose a command (cellsim --help lists them)")
    .strict()
    .fail((msg, err) => {
      // Errors thrown by a command handler arrive with no message: pass them through unchanged.
      if (err && !msg) throw err;
      throw new UsageError(msg ?? err?.message ?? "bad usage");
    })
    .example("$0 run experiments/quickstart.json", "run an experiment and write its report")
    .example("$0 validate experiments/x.json", "check a file and list its runs")
    .example("$0 list", "architectures, placement policies, presets, figure kinds, trace formats")
    .epilogue(
      "Docs: docs/user-guide.md (experiment files, commands, outputs), docs/metrics.md (result names).",
    )
    .help()
    .alias("h", "help")
    .version("version", "print cellsim's version and build hash, then exit", versionText())
    .wrap(Math.min(110, process.stdout.columns ?? 110));
}

/** Runs the CLI on `argv` (without node and script) and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  try {
    await buildParser(argv).parseAsync();
    return 0;
  } catch (e) {
    if (isErrorNamed(e, "InputError")) {
      process.stderr.write(`cellsim: ${e.message}\n`);
      return 2;
    }
    if (isErrorNamed(e, "IncompleteError")) {
      process.stderr.write(`cellsim: ${e.message}\n`);
      return 1;
    }
    if (e instanceof UsageError) {
      process.stderr.write(`cellsim: ${e.message}\n(run with --help for usage)\n`);
      return 2;
    }
    const err = e instanceof Error ? e : new Error(String(e));
    process.stderr.write(`cellsim: ${err.message}\n${err.stack ?? ""}\n`);
    return 1;
  }
}
