/**
 * Imports the ES module at `url` (an absolute `file:` URL) at run time: plug-ins and the module
 * a run's `runOne` comes from. Every such import of the CLI goes through here so that the CLI's
 * CommonJS bundle (scripts/bundle-cli.ts) can route it through its launcher: code that V8 loads
 * from a code cache cannot call `import()` itself on Node 20 ("A dynamic import callback was not
 * specified"), while the launcher, an ordinary CommonJS module, can.
 */
export function importModule(url: string): Promise<unknown> {
  return import(url);
}
