import { describe, expect, it } from "vitest";
import { formatQuantity } from "../../src/report/quantity.js";

/** The workload report's one number format (src/report/quantity.ts). */
describe("formatQuantity", () => {
  it("counts are exact with thousands separators", () => {
    expect([0, 7, 999, 1000, 2057000, -1234567].map(formatQuantity)).toEqual([
      "0",
      "7",
      "999",
      "1,000",
      "2,057,000",
      "-1,234,567",
    ]);
  });

  it("other numbers keep 4 significant digits in plain notation, grouped like counts", () => {
    expect(formatQuantity(77_183_456_789.5)).toBe("77,180,000,000"); // was 7.718e+10 beside 2057000
    expect(formatQuantity(2_056_543.2)).toBe("2,057,000");
    expect(formatQuantity(223.4567)).toBe("223.5");
    expect(formatQuantity(0.00028476)).toBe("0.0002848");
    expect(formatQuantity(1.5)).toBe("1.5");
    expect(formatQuantity(-12.34567)).toBe("-12.35");
  });

  it("exponents only beyond what plain notation shows briefly", () => {
    expect(formatQuantity(1.23456e-7)).toBe("1.235e-7");
    expect(formatQuantity(2.5e15)).toBe("2.500e+15");
    expect(formatQuantity(Number.POSITIVE_INFINITY)).toBe("Infinity");
  });
});
