import type { ClaimOutcome } from './claim-outcome';

/** The CSS class that colours a claim by its outcome. */
export function outcomeClass(outcome: ClaimOutcome): string {
  return `outcome-${outcome.replace(/ /g, '-')}`;
}

/** report.html's inline stylesheet: holds green, violated red, inconclusive amber, reported (no verdict) a neutral blue, not implemented grey, error dark red. */
export const REPORT_CSS = `
:root { --ink: #1f2328; --muted: #59636e; --rule: #d1d9e0; --code: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; }
main { max-width: 1100px; margin: 0 auto; padding: 24px; }
h1 { font-size: 1.6em; margin: 0 0 4px; }
h2 { font-size: 1.3em; margin: 32px 0 8px; border-bottom: 1px solid var(--rule); padding-bottom: 4px; }
.lead { color: var(--muted); margin: 0 0 16px; }
table { border-collapse: collapse; margin: 8px 0 16px; }
th, td { border: 1px solid var(--rule); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: var(--code); }
table.summary { width: 100%; }
table.summary td.numbers { font-size: 0.9em; }
table.summary td.margin { font-size: 0.9em; white-space: nowrap; }
pre { background: var(--code); border: 1px solid var(--rule); border-radius: 6px; padding: 8px 12px; overflow-x: auto; font-size: 0.85em; }
code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; }
blockquote { margin: 8px 0; padding: 4px 12px; border-left: 4px solid var(--rule); color: var(--muted); }
.badge { display: inline-block; padding: 0 8px; border-radius: 10px; font-size: 0.85em; font-weight: 600; color: #fff; white-space: nowrap; }
section.claim { border-left: 6px solid; padding: 0 0 8px 16px; margin-top: 24px; }
figure { margin: 12px 0; }
figure svg { max-width: 100%; height: auto; }
figcaption { color: var(--muted); font-size: 0.9em; }
.outcome-holds { --tint: #dafbe1; --strong: #1a7f37; }
.outcome-violated { --tint: #ffebe9; --strong: #cf222e; }
.outcome-inconclusive { --tint: #fff8c5; --strong: #9a6700; }
.outcome-reported { --tint: #ddf4ff; --strong: #0969da; }
.outcome-not-implemented, .outcome-not-selected { --tint: #f6f8fa; --strong: #6e7781; }
.outcome-error { --tint: #ffcecb; --strong: #82071e; }
tr[class*="outcome-"] td { background: var(--tint); }
.badge { background: var(--strong); }
section.claim { border-left-color: var(--strong); }
.formula svg { vertical-align: middle; max-width: 100%; }
div.formula { margin: 8px 0; overflow-x: auto; }
table.steps td.formula { min-width: 240px; }
tr.step-violated td { background: #ffebe9; }
tr.step-holds td:last-child { color: #1a7f37; }
.first-failing { border: 2px solid #cf222e; border-radius: 6px; padding: 4px 12px; margin: 8px 0; background: #ffebe9; }
`;
