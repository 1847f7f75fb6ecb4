import { spawnSync } from "node:child_process";
import { pathToFileURL } from "node:url";

/**
 * Debian's Chromium, headless, for tests that look at a page as a browser draws it. The network
 * is unreachable and each load gets its own profile folder. No skipping: where Chromium is
 * missing or cannot start, the test fails (CI installs it, see .ci/run). CELLSIM_CHROMIUM names
 * another binary.
 */
export const CHROMIUM = process.env.CELLSIM_CHROMIUM ?? "/usr/bin/chromium";

/**
 * Loads a page headless and returns its DOM once scripts have run, and the browser's log.
 * `profileDir` must be a fresh folder; `windowSize` is `width,height` in CSS pixels (default:
 * Chromium's).
 */
export function loadPage(
  path: string,
  profileDir: string,
  windowSize?: string,
): { dom: string; log: string } {
  const result = spawnSync(
    CHROMIUM,
    [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--host-resolver-rules=MAP * ~NOTFOUND",
      `--user-data-dir=${profileDir}`,
      ...(windowSize === undefined ? [] : [`--window-size=${windowSize}`]),
      "--enable-logging=stderr",
      "--v=0",
      // Lets the page's promises and timers settle before the DOM is dumped.
      "--virtual-time-budget=10000",
      "--dump-dom",
      pathToFileURL(path).href,
    ],
    { encoding: "utf8", timeout: 90_000, maxBuffer: 64 * 1024 * 1024 },
  );
  if (result.error || result.status !== 0) {
    const why = result.error?.message ?? `exit status ${result.status} (signal ${result.signal})`;
    throw new Error(`cannot run ${CHROMIUM} headless: ${why}\n${(result.stderr ?? "").slice(-2000)}`);
  }
  return { dom: result.stdout, log: result.stderr };
}
