import { blockTextParts } from '@pattern-press/format';
import { blockEstimate, programRule, signoffItems, type ModuleQuality, type RuleState } from '@pattern-press/checks';
import type { PatternModule } from '@pattern-press/schema';

export interface ReportRule {
  id: string;
  checklist: string;
  item: string;
  state: RuleState;
  severity?: 'error' | 'warning';
  findings: string[];
}

export interface ReportModule {
  slug: string;
  title: string;
  status: PatternModule['status'];
  version: string;
  duration: number;
  words: number;
  /** fail: errors; todo: failures of the module's own phase (warnings: what promotion still needs). */
  counts: { pass: number; fail: number; todo: number; notDue: number; notRun: number; signed: number; unsigned: number };
  rules: ReportRule[];
  signoffs: { item: string; label: string; state: 'signed' | 'missing'; by?: string; date?: string }[];
  rubric: PatternModule['review']['rubric'];
  coverage: { outcome: string; text: string; questions: string[] }[];
  blocks: { id: string; title: string; minutes: number; estimate: number; words: number; codeLines: number }[];
}

export interface Report {
  modules: ReportModule[];
  totals: { modules: number; byStatus: Record<string, number>; failing: number };
}

function wordsIn(module: PatternModule): number {
  const texts = [
    ...module.blocks.flatMap((block) => blockTextParts(block).map((part) => part.markdown)),
    module.challenge?.prompt.markdown ?? '',
    ...module.case_studies.map((c) => c.markdown),
    ...(module.exam?.questions ?? []).flatMap((q) => [q.prompt.markdown, q.model_answer.markdown]),
  ];
  return texts.join(' ').replace(/```[\s\S]*?```/g, ' ').split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/** Everything the report shows, as data (report.json), in catalog order. */
export function toReport(documents: PatternModule[], quality: ModuleQuality[]): Report {
  const byslug = new Map(quality.map((q) => [q.slug, q]));
  const modules = documents.map((module): ReportModule => {
    const q = byslug.get(module.slug);
    const rules: ReportRule[] = (q?.rules ?? []).map((result) => {
      const rule = programRule(result.id);
      return {
        id: result.id,
        checklist: rule.checklist,
        item: rule.item,
        state: result.state,
        ...(result.severity ? { severity: result.severity } : {}),
        findings: result.findings.map((finding) => finding.reason),
      };
    });
    const signoffs = (q?.signoffs ?? []).map((s) => ({ ...s, label: signoffItems[s.item]?.item ?? s.item }));
    const count = (state: RuleState) => rules.filter((r) => r.state === state).length;
    return {
      slug: module.slug,
      title: module.title,
      status: module.status,
      version: module.version,
      duration: module.duration,
      words: wordsIn(module),
      counts: {
        pass: count('pass'),
        fail: rules.filter((r) => r.state === 'fail' && r.severity === 'error').length,
        todo: rules.filter((r) => r.state === 'fail' && r.severity === 'warning').length,
        notDue: count('not-due'),
        notRun: count('not-run'),
        signed: signoffs.filter((s) => s.state === 'signed').length,
        unsigned: signoffs.filter((s) => s.state === 'missing').length,
      },
      rules,
      signoffs,
      rubric: module.review.rubric,
      coverage: module.outcomes.map((outcome) => ({
        outcome: outcome.id,
        text: outcome.text,
        questions: (module.exam?.questions ?? []).filter((question) => question.outcomes.includes(outcome.id)).map((question) => question.id),
      })),
      blocks: module.blocks.map((block) => {
        const estimate = blockEstimate(block);
        return { id: block.id, title: block.title, minutes: block.minutes, estimate: estimate.minutes, words: estimate.words, codeLines: estimate.codeLines };
      }),
    };
  });
  const byStatus: Record<string, number> = {};
  for (const module of modules) byStatus[module.status] = (byStatus[module.status] ?? 0) + 1;
  return { modules, totals: { modules: modules.length, byStatus, failing: modules.filter((m) => m.counts.fail > 0).length } };
}
