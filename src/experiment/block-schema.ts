import { z } from "zod";
import type { RegistryAxis } from "../plugins/registry.js";
import { isRecord, reissue } from "./zod-issues.js";

/** A config block as written in the experiment file: JSON fields by name. */
export type ConfigBlock = Record<string, unknown>;

/** A block naming its registry entry: `type` plus the entry's own fields, as written. */
export type NamedBlock = { type: string } & ConfigBlock;

/**
 * A config block that names a registry entry by `key` (`{"type": "two-level", ...}`,
 * `{"source": "my-gen", ...}`) and is checked by that entry's own schema: unknown names list the
 * valid ones at `key`; the entry's issues keep their paths inside the block, so a plug-in's bad
 * field reads `file: architecture.field: message` like a built-in's. The output is the block as
 * written with the name under `type` (a missing name means `fallback`, when given).
 */
export function blockSchema(
  key: string,
  what: string,
  axis: RegistryAxis<{ readonly name: string; validate(block: unknown): z.core.$ZodIssue[] }>,
  fallback: string | undefined,
): z.ZodType<NamedBlock> {
  return z.unknown().transform((value, ctx): NamedBlock => {
    if (!isRecord(value)) {
      ctx.addIssue({ code: "custom", message: "expected an object" });
      return z.NEVER;
    }
    const { [key]: name = fallback, ...fields } = value;
    if (typeof name !== "string") {
      const message = name === undefined ? "required field is missing" : `expected a ${what} name`;
      ctx.addIssue({ code: "custom", path: [key], message });
      return z.NEVER;
    }
    const entry = axis.get(name);
    if (!entry) {
      const message = `unknown ${what} "${name}": expected one of ${axis.names.join("|")}`;
      ctx.addIssue({ code: "custom", path: [key], message });
      return z.NEVER;
    }
    const issues = entry.validate(fields);
    reissue(ctx, issues);
    if (issues.length > 0) return z.NEVER;
    return { type: name, ...fields };
  });
}
