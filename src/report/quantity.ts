/**
 * The one number format of the workload report (`trace inspect`: its text statistics, header,
 * tables and captions), so that `2057000` never stands beside `7.718e+10`:
 *
 * - whole numbers (counts: jobs, tasks, rows) are exact, with thousands separators: `2,057,000`;
 * - other numbers keep 4 significant digits in plain notation, grouped the same way above 1,000:
 *   `77,180,000,000`, `223.5`, `0.0002848`;
 * - only magnitudes plain notation cannot show in a few characters (≥ 10¹⁵, or below 10⁻⁶) use
 *   an exponent: `1.234e-7`.
 *
 * Separators are commas and the decimal mark a point, whatever the machine's locale (same input,
 * same bytes).
 */

const SIGNIFICANT_DIGITS = 4;

/** Groups the integer digits of a plain decimal string in threes: `1234567.5` → `1,234,567.5`. */
function group(plain: string): string {
  const [int = "", frac] = plain.split(".");
  const sign = int.startsWith("-") ? "-" : "";
  const digits = sign ? int.slice(1) : int;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${sign}${grouped}${frac === undefined ? "" : `.${frac}`}`;
}

/** A number as the workload report writes it (see the module comment). */
export function formatQuantity(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const abs = Math.abs(x);
  if (abs >= 1e15 || (abs !== 0 && abs < 1e-6)) return x.toExponential(SIGNIFICANT_DIGITS - 1);
  if (Number.isInteger(x)) return group(String(x));
  const rounded = Number(x.toPrecision(SIGNIFICANT_DIGITS));
  // Plain notation: toFixed with just enough decimals for the significant digits kept (and
  // String() drops trailing zeros). Digits before the point are never cut.
  const decimals = Math.max(0, SIGNIFICANT_DIGITS - 1 - Math.floor(Math.log10(Math.abs(rounded))));
  return group(String(Number(rounded.toFixed(Math.min(20, decimals)))));
}
