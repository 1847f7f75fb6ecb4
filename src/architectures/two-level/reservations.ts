import { z } from "zod";
import { InputError } from "../../engine/errors.js";

/**
 * Static reservations of the per-agent allocator (Mesos' `--resources="cpus(role):…"` on an
 * agent): whole machines reserved for one role, offered only to that role's frameworks. A role
 * names its machines (`machines: [0, 1, 2]`) or a share of the cell (`fraction: 0.25` → the
 * nearest whole number of machines, taken in machine order from the first not reserved yet,
 * after every explicitly listed machine, roles in declaration order).
 */
export const reservationSchema = z.union([
  z.strictObject({ machines: z.array(z.number().int().min(0)).min(1) }),
  z.strictObject({ fraction: z.number().gt(0).max(1) }),
]);

/** The `reservations` block: role → its reserved machines. */
export const reservationsSchema = z.record(z.string().min(1), reservationSchema);

/** A parsed `reservations` block. */
export type Reservations = z.output<typeof reservationsSchema>;

/** No role holds the machine: it is offered to every framework. */
export const UNRESERVED = -1;

/**
 * Per machine, the index (in `roles`) of the role it is reserved for, or UNRESERVED. Throws an
 * InputError for a machine outside the cell, a machine reserved twice, fractions adding up to
 * more machines than are left, or a role no framework has.
 */
export function reservedRoles(
  reservations: Reservations,
  machines: number,
  roles: readonly string[],
): Int32Array {
  const owner = new Int32Array(machines).fill(UNRESERVED);
  const entries = Object.entries(reservations);
  for (const [role] of entries) {
    if (!roles.includes(role))
      throw new InputError(
        `architecture.reservations.${role}: no framework has role "${role}" (roles: ${roles.join(", ")}); its machines would idle`,
      );
  }
  for (const [role, r] of entries) {
    if (!("machines" in r)) continue;
    for (const m of r.machines) {
      if (m >= machines)
        throw new InputError(
          `architecture.reservations.${role}.machines: machine ${m} is outside the cell (0–${machines - 1})`,
        );
      if (owner[m] !== UNRESERVED)
        throw new InputError(`architecture.reservations.${role}.machines: machine ${m} is already reserved`);
      owner[m] = roles.indexOf(role);
    }
  }
  let next = 0;
  for (const [role, r] of entries) {
    if (!("fraction" in r)) continue;
    let count = Math.round(r.fraction * machines);
    while (count > 0 && next < machines) {
      if (owner[next] === UNRESERVED) {
        owner[next] = roles.indexOf(role);
        count--;
      }
      next++;
    }
    if (count > 0)
      throw new InputError(`architecture.reservations.${role}.fraction: not enough unreserved machines left`);
  }
  return owner;
}
