import { describe, expect, it } from "vitest";
import { makeStream } from "../../src/engine/rng.js";
import { CsvScanner } from "../../src/workloads/traces/scan.js";

describe("CsvScanner.num fast path", () => {
  it("parses plain decimals exactly as Number() does", () => {
    const scanner = new CsvScanner(1);
    const r = makeStream("decimals");
    const samples = ["0", "0.0625", "0.03110", "1", "12.5", ".5", "5.", "0.000001", "123456789012345"];
    for (let i = 0; i < 20_000; i++) {
      const intDigits = Math.floor(r.next() * 6);
      const fracDigits = Math.floor(r.next() * 10);
      const digit = () => String(Math.floor(r.next() * 10));
      const int = Array.from({ length: intDigits }, digit).join("") || "0";
      const frac = Array.from({ length: fracDigits }, digit).join("");
      samples.push(frac ? `${int}.${frac}` : int);
    }
    for (const text of samples) {
      expect(scanner.scan(text)).toBe(true);
      expect(scanner.num(0, "x")).toBe(Number(text));
    }
  });

  it("still rejects what is not a number", () => {
    const scanner = new CsvScanner(1);
    for (const bad of ["1.2.3", "abc", "-1"]) {
      scanner.scan(bad);
      expect(() => scanner.num(0, "cpu")).toThrow(/bad cpu/);
    }
  });
});
