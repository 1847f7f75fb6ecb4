import { z } from "zod";
import { InputError } from "../engine/errors.js";

/**
 * Turning zod issues into cellsim's error format: one line per problem, each
 * `<file>: <field.path>: <message>`, so a researcher can jump straight to the field.
 */

/** Describes a JSON value briefly for "expected X, got Y" messages. */
function describe(input: unknown): string {
  if (input === null) return "null";
  if (Array.isArray(input)) return "an array";
  if (typeof input === "object") return "an object";
  if (typeof input === "string") return JSON.stringify(input);
  return `${typeof input} ${String(input)}`;
}

/**
 * Per-parse error map: clearer messages for the common codes; `undefined` keeps zod's default
 * (and any message a schema set itself, which takes precedence anyway).
 */
export const errorMap: z.core.$ZodErrorMap = (iss) => {
  if (iss.code === "invalid_type") {
    if (iss.input === undefined) return "required field is missing";
    return `expected ${iss.expected}, got ${describe(iss.input)}`;
  }
  if (iss.code === "unrecognized_keys") return "unknown field";
  if ((iss.code === "too_small" || iss.code === "too_big") && iss.origin === "number") {
    const op = iss.code === "too_small" ? (iss.inclusive ? "≥" : ">") : iss.inclusive ? "≤" : "<";
    const bound = iss.code === "too_small" ? iss.minimum : iss.maximum;
    return `must be ${op} ${String(bound)}, got ${describe(iss.input)}`;
  }
  if (iss.code === "invalid_union" && "discriminator" in iss && Array.isArray(iss.options)) {
    return `unknown ${String(iss.discriminator)}: expected one of ${iss.options.map(String).join("|")}`;
  }
  return undefined;
};

/** `a.b[2].c`; the empty path (the whole file) reads as `(root)`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else out += out === "" ? String(seg) : `.${String(seg)}`;
  }
  return out === "" ? "(root)" : out;
}

/** One line per issue (unknown fields: one line per field), without the file prefix. */
export function issueLines(
  issues: readonly z.core.$ZodIssue[],
  prefix: readonly PropertyKey[] = [],
): string[] {
  const lines: string[] = [];
  for (const iss of issues) {
    const path = [...prefix, ...iss.path];
    if (iss.code === "unrecognized_keys") {
      for (const key of iss.keys) lines.push(`${formatPath([...path, key])}: unknown field`);
    } else {
      lines.push(`${formatPath(path)}: ${iss.message}`);
    }
  }
  return lines;
}

/**
 * Builds the InputError for a failed parse: every line names the file. `where` (e.g. the sweep
 * point) is appended to each line except those listed in `plain` (problems not caused by it).
 */
export function issuesError(
  file: string,
  issues: readonly z.core.$ZodIssue[],
  where = "",
  plain: ReadonlySet<string> = new Set(),
): InputError {
  const suffix = (line: string): string => (where === "" || plain.has(line) ? "" : ` (${where})`);
  return new InputError(
    issueLines(issues)
      .map((l) => `${file}: ${l}${suffix(l)}`)
      .join("\n"),
  );
}

/** Parses `value` with `schema` and cellsim's messages, or throws an InputError naming `file`. */
export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  value: unknown,
  file: string,
  where = "",
): z.output<S> {
  const r = schema.safeParse(value, { error: errorMap });
  if (!r.success) throw issuesError(file, r.error.issues, where);
  return r.data;
}

/**
 * A schema chosen from the input itself (e.g. by which key is present). Unlike `z.union`, the
 * errors then come from the one branch the user meant, with their full paths, instead of a
 * "no branch matched" summary. `choose` returns the schema, or a message for the value itself.
 */
export function chosen<T>(choose: (value: unknown) => z.ZodType<T> | string): z.ZodType<T> {
  return z.unknown().transform((value, ctx): T => {
    const schema = choose(value);
    if (typeof schema === "string") {
      ctx.addIssue({ code: "custom", message: schema });
      return z.NEVER;
    }
    const r = schema.safeParse(value, { error: errorMap });
    if (r.success) return r.data;
    for (const iss of r.error.issues) ctx.addIssue({ ...iss } as z.core.$ZodRawIssue);
    return z.NEVER;
  }) as unknown as z.ZodType<T>;
}

/** True for a plain JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Re-raises `issues` from a nested parse inside a transform, their paths under `prefix`, keeping
 * each issue's code (so unknown fields still read one line per field).
 */
export function reissue(
  ctx: z.core.$RefinementCtx,
  issues: readonly z.core.$ZodIssue[],
  prefix: readonly PropertyKey[] = [],
): void {
  for (const issue of issues) ctx.issues.push({ ...issue, path: [...prefix, ...issue.path] } as never);
}
