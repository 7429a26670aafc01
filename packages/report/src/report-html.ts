import { escapeHtml } from '@pattern-press/render';
import type { Report, ReportModule, ReportRule } from './report-data.js';

const escape = (text: string | number) => escapeHtml(String(text));

const stateLabels: Record<ReportRule['state'], string> = { pass: 'pass', fail: 'fail', 'not-due': 'not yet due', 'not-run': 'not run' };

function ruleRow(rule: ReportRule): string {
  const state = rule.state === 'fail' && rule.severity === 'warning' ? 'warn' : rule.state;
  const label = rule.state === 'fail' && rule.severity === 'warning' ? 'to do' : stateLabels[rule.state];
  const findings = rule.findings.length ? `<ul class="findings">${rule.findings.map((f) => `<li>${escape(f)}</li>`).join('')}</ul>` : '';
  return `<tr class="${state}"><td><span class="pill ${state}">${label}</span></td><td><code>${escape(rule.id)}</code></td><td>${escape(rule.item)}<div class="muted">${escape(rule.checklist)}</div>${findings}</td></tr>`;
}

function moduleSection(module: ReportModule): string {
  const rubric = module.rubric.length
    ? `<table><thead><tr><th>reviewer</th><th>date</th><th>depth</th><th>accuracy</th><th>practicality</th><th>engagement</th><th>progression</th><th>exercises</th></tr></thead><tbody>${module.rubric
        .map(
          (r) =>
            `<tr><td>${escape(r.reviewer)}</td><td>${escape(r.date)}</td>${(['depth', 'accuracy', 'practicality', 'engagement', 'progression', 'exercises'] as const).map((c) => `<td class="rating ${r[c]}">${escape(r[c].replace('_', ' '))}</td>`).join('')}</tr>`,
        )
        .join('')}</tbody></table>`
    : '<p class="muted">No rubric recorded yet.</p>';
  const signoffs = `<ul class="signoffs">${module.signoffs
    .map((s) => `<li class="${s.state}">${s.state === 'signed' ? '✔' : '○'} ${escape(s.label)}${s.by ? ` <span class="muted">${escape(s.by)}, ${escape(s.date ?? '')}</span>` : ''}</li>`)
    .join('')}</ul>`;
  const coverage = module.coverage.length
    ? `<table><thead><tr><th>outcome</th><th>assessed by</th></tr></thead><tbody>${module.coverage
        .map(
          (c) =>
            `<tr class="${c.questions.length ? '' : 'fail'}"><td><code>${escape(c.outcome)}</code> ${escape(c.text)}</td><td>${c.questions.length ? c.questions.map((q) => `<code>${escape(q)}</code>`).join(' ') : '<span class="pill fail">none</span>'}</td></tr>`,
        )
        .join('')}</tbody></table>`
    : '<p class="muted">No outcomes yet.</p>';
  const blocks = module.blocks.length
    ? `<table><thead><tr><th>block</th><th class="num">declared</th><th class="num">estimated</th><th class="num">words</th><th class="num">code lines</th></tr></thead><tbody>${module.blocks
        .map(
          (b) =>
            `<tr class="${b.estimate > b.minutes ? 'warn' : ''}"><td>${escape(b.title)} <code>${escape(b.id)}</code></td><td class="num">${b.minutes} min</td><td class="num">${b.estimate} min</td><td class="num">${b.words}</td><td class="num">${b.codeLines}</td></tr>`,
        )
        .join('')}</tbody></table>`
    : '<p class="muted">No focus blocks yet.</p>';
  return `<section id="${escape(module.slug)}">
<h2>${escape(module.title)} <span class="status ${module.status}">${escape(module.status)}</span></h2>
<p class="muted">v${escape(module.version)} · ${module.duration} min · ${module.words} words · ${module.counts.pass} pass, ${module.counts.fail} fail, ${module.counts.todo} to do, ${module.counts.notDue} not yet due${module.counts.notRun ? `, ${module.counts.notRun} not run` : ''} · ${module.counts.signed}/${module.counts.signed + module.counts.unsigned} signed off</p>
<h3>Checklist rules</h3>
<table class="rules"><tbody>${module.rules
    .filter((r) => r.state !== 'not-due')
    .map(ruleRow)
    .join('')}</tbody></table>
${
  module.counts.notDue
    ? `<details><summary class="muted">${module.counts.notDue} rules not yet due at ${escape(module.status)}</summary><table class="rules"><tbody>${module.rules
        .filter((r) => r.state === 'not-due')
        .map(ruleRow)
        .join('')}</tbody></table></details>`
    : ''
}
<div class="grid"><div><h3>Sign-offs</h3>${signoffs}</div><div><h3>Outcome coverage</h3>${coverage}</div></div>
<h3>Rubric</h3>${rubric}
<h3>Timing</h3>${blocks}
</section>`;
}

const css = `
:root { --fg:#1d2330; --muted:#667085; --line:#e4e7ec; --pass:#067647; --fail:#b42318; --warn:#b54708; --idle:#667085; --bg:#f8f9fb; }
* { box-sizing: border-box; }
body { margin:0; font:15px/1.5 "DejaVu Sans", system-ui, sans-serif; color:var(--fg); background:var(--bg); }
header { background:#1d2330; color:#fff; padding:20px 32px; }
header h1 { margin:0; font-size:22px; }
header p { margin:4px 0 0; color:#c8cdd6; }
main { max-width:1100px; margin:0 auto; padding:24px 32px 64px; }
section { background:#fff; border:1px solid var(--line); border-radius:10px; padding:20px 24px; margin:20px 0; }
h2 { margin:0 0 4px; font-size:20px; } h3 { font-size:15px; margin:20px 0 8px; text-transform:uppercase; letter-spacing:.04em; color:var(--muted); }
table { width:100%; border-collapse:collapse; } td, th { text-align:left; padding:6px 8px; border-bottom:1px solid var(--line); vertical-align:top; }
th { font-size:13px; color:var(--muted); font-weight:600; } .num { text-align:right; font-variant-numeric:tabular-nums; }
.muted { color:var(--muted); font-size:13px; } code { font-family:"DejaVu Sans Mono", monospace; font-size:13px; }
.pill { display:inline-block; min-width:72px; text-align:center; border-radius:999px; padding:1px 8px; font-size:12px; font-weight:600; color:#fff; background:var(--idle); }
.pill.pass { background:var(--pass); } .pill.fail { background:var(--fail); } .pill.warn { background:var(--warn); } .pill.not-due, .pill.not-run { background:#98a2b3; }
tr.fail td { background:#fef3f2; } tr.warn td { background:#fffaeb; }
.status { font-size:12px; font-weight:600; border-radius:6px; padding:2px 8px; vertical-align:middle; background:#eef2f6; color:#344054; }
.status.published { background:#dcfae6; color:var(--pass); } .status.review { background:#fef0c7; color:var(--warn); }
.findings { margin:4px 0 0; padding-left:18px; color:var(--fail); font-size:13px; white-space:pre-wrap; }
.signoffs { list-style:none; padding:0; margin:0; } .signoffs li { padding:2px 0; } .signoffs .signed { color:var(--pass); } .signoffs .missing { color:var(--muted); }
.grid { display:grid; grid-template-columns: 1fr 1fr; gap:24px; }
.rating.excellent { color:var(--pass); font-weight:600; } .rating.needs_work { color:var(--fail); font-weight:600; }
details { margin-top:8px; } summary { cursor:pointer; }
nav table td { border:0; padding:3px 8px; } nav a { color:inherit; }
@media (max-width: 760px) { .grid { grid-template-columns: 1fr; } main { padding:12px; } }
`;

/** The report page: self-contained (inline CSS, no script, no network), one section per module. */
export function toReportHtml(report: Report, title = 'Pattern Press: module report'): string {
  const overview = `<nav><section><h2>Overview</h2><p class="muted">${report.totals.modules} modules · ${Object.entries(report.totals.byStatus)
    .map(([status, n]) => `${n} ${escape(status)}`)
    .join(
      ', ',
    )} · ${report.totals.failing} with failing rules</p><table><thead><tr><th>module</th><th>status</th><th class="num">pass</th><th class="num">fail</th><th class="num">to do</th><th class="num">signed off</th></tr></thead><tbody>${report.modules
    .map(
      (m) =>
        `<tr class="${m.counts.fail ? 'fail' : m.counts.todo ? 'warn' : ''}"><td><a href="#${escape(m.slug)}">${escape(m.title)}</a></td><td><span class="status ${m.status}">${escape(m.status)}</span></td><td class="num">${m.counts.pass}</td><td class="num">${m.counts.fail}</td><td class="num">${m.counts.todo}</td><td class="num">${m.counts.signed}/${m.counts.signed + m.counts.unsigned}</td></tr>`,
    )
    .join('')}</tbody></table></section></nav>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title><style>${css}</style></head>
<body><header><h1>${escape(title)}</h1><p>What each module still needs, by the seed's checklists and rubric.</p></header>
<main>${overview}${report.modules.map(moduleSection).join('\n')}</main></body></html>
`;
}
