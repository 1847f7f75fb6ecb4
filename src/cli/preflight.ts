/** What `run`, `validate` and `trace generate` share before anything runs: the budget flag, warnings. */

/** `--ignore-budget` (see src/experiment/budget.ts). */
export const ignoreBudgetOption = {
  type: "boolean",
  default: false,
  describe: "run even if a run's estimated events or memory exceed the budget (docs/user-guide.md)",
} as const;

/** Prints a plan's warnings on stderr, one line each: `cellsim: warning: <file>: <field>: …`. */
export function printWarnings(warnings: readonly string[]): void {
  for (const w of warnings) process.stderr.write(`cellsim: warning: ${w}\n`);
}
