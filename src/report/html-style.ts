/**
 * The report's inline stylesheet: system fonts only, nothing fetched, prints cleanly. Label lists
 * (`dl`): labels take at most 40 % of the width and wrap, so a long label never squeezes its
 * value to a letter per line (a `max-content` label column did).
 */
export const REPORT_CSS = `
:root { --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --soft: #f6f8fa; --accent: #0b5cad; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--fg); background: #fff; line-height: 1.5;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
.page { max-width: 1100px; margin: 0 auto; padding: 32px 24px 64px; }
header { border-bottom: 1px solid var(--line); padding-bottom: 16px; margin-bottom: 24px; }
.kicker { margin: 0; color: var(--muted); font-size: 13px; letter-spacing: .06em; text-transform: uppercase; }
h1 { margin: 4px 0 8px; font-size: 28px; line-height: 1.25; }
h2 { font-size: 20px; margin: 0 0 12px; }
h3 { font-size: 15px; margin: 0 0 8px; color: var(--muted); }
.lead { margin: 0 0 16px; font-size: 17px; color: var(--muted); }
.meta { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 16px; }
.meta > section { background: var(--soft); border: 1px solid var(--line); border-radius: 6px; padding: 12px 16px; }
dl { display: grid; grid-template-columns: fit-content(40%) minmax(0, 1fr); gap: 4px 16px; margin: 0; font-size: 14px; }
dt { color: var(--muted); overflow-wrap: break-word; }
dd > div { padding-left: 1.5em; text-indent: -1.5em; }
dd { margin: 0; overflow-wrap: anywhere; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 13px; }
nav.toc { margin-bottom: 32px; }
nav.toc ol { margin: 0; padding-left: 20px; columns: 2; }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
section.figure, section.runs { margin: 0 0 40px; padding-top: 8px; border-top: 1px solid var(--line); }
figure { margin: 0; }
.chart { overflow-x: auto; }
.chart svg { max-width: 100%; height: auto; display: block; }
figcaption { color: var(--muted); font-size: 14px; margin: 8px 0 12px; max-width: 80ch; }
details { margin: 8px 0; }
summary { cursor: pointer; color: var(--accent); font-size: 14px; }
pre { background: var(--soft); border: 1px solid var(--line); border-radius: 6px; padding: 12px; overflow-x: auto; font-size: 12px; }
.table-wrap { overflow-x: auto; margin-top: 8px; border: 1px solid var(--line); border-radius: 6px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; font-variant-numeric: tabular-nums; }
th, td { padding: 5px 10px; border-bottom: 1px solid var(--line); text-align: left; white-space: nowrap; }
th { background: var(--soft); font-weight: 600; position: sticky; top: 0; }
td.num { text-align: right; }
#frameworks th { white-space: normal; vertical-align: bottom; }
#frameworks th, #frameworks td { padding: 5px 7px; }
tbody tr:nth-child(even) { background: #fbfcfd; }
tbody tr:hover { background: #eef4fb; }
footer { color: var(--muted); font-size: 13px; border-top: 1px solid var(--line); padding-top: 12px; }
@media print { nav.toc, summary { display: none; } details { display: block; } section { break-inside: avoid; } }
`;
