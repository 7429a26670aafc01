import { didYouMean, report, type Place, type RuleId } from '@pattern-press/diagnostics';
import { assetPathOf, blockTextParts, type Collection, linkUrlProblem } from '@pattern-press/format';
import { diagramInvalid, moduleDiagrams } from '@pattern-press/render';
import type { Block, PatternModule } from '@pattern-press/schema';
import path from 'node:path';
import { dueSeverity, programRule, programRules, rubricCriteria, signoffItems, statusRank, type ProgramRuleId } from './checklist.js';
import { readableModules, type ReadableModule } from './readable.js';

export interface Finding {
  reason: string;
  /** JSON pointer into the document; its place is looked up. */
  pointer?: string | undefined;
  /** An exact place, when the finding comes from the source text. */
  place?: Place | undefined;
  hint?: string | undefined;
}

export type RuleState = 'pass' | 'fail' | 'not-due' | 'not-run';

export interface RuleResult {
  id: ProgramRuleId;
  state: RuleState;
  severity?: 'error' | 'warning';
  findings: Finding[];
}

export interface SignoffResult {
  item: string;
  state: 'signed' | 'missing';
  by?: string;
  date?: string;
}

export interface ModuleQuality {
  slug: string;
  status: PatternModule['status'];
  rules: RuleResult[];
  signoffs: SignoffResult[];
}

export interface QualityInputs {
  /** Mermaid parse errors by diagram source (absent: diagrams were not checked). */
  diagramErrors?: Map<string, string | undefined> | undefined;
  /** Findings of `press check --run`, by slug (absent: code was not run). */
  runFindings?: Map<string, { code: Finding[]; exam: Finding[] }> | undefined;
}

const wordsPerMinute = 200;
const codeLinesPerMinute = 25;
const practiceMinutes = 5;

const difficultyRank = { beginner: 0, intermediate: 1, advanced: 2, expert: 3 } as const;

function blocksMissing(module: PatternModule, has: (block: Block) => boolean, what: string): Finding[] {
  return module.blocks.flatMap((block, index) => (has(block) ? [] : [{ reason: `block \`${block.id}\` has no ${what}`, pointer: `/blocks/${index}` }]));
}

function words(markdown: string | undefined): number {
  if (!markdown) return 0;
  const prose = markdown.replace(/```[\s\S]*?```/g, ' ');
  return prose.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

function codeLines(markdown: string | undefined): number {
  if (!markdown) return 0;
  return [...markdown.matchAll(/```[^\n]*\n([\s\S]*?)```/g)].reduce((sum, match) => sum + match[1]!.split('\n').length - 1, 0);
}

/** Estimated minutes to work through a block: its prose, its code and its practice. */
export function blockEstimate(block: Block): { minutes: number; words: number; codeLines: number } {
  const parts = blockTextParts(block);
  const prose = parts.reduce((sum, part) => sum + words(part.markdown), 0) + block.code.reduce((sum, code) => sum + words(code.caption), 0);
  const lines = parts.reduce((sum, part) => sum + codeLines(part.markdown), 0) + block.code.reduce((sum, code) => sum + code.source.split('\n').length, 0);
  const minutes = Math.ceil(prose / wordsPerMinute + lines / codeLinesPerMinute + (block.practice ? practiceMinutes : 0));
  return { minutes, words: prose, codeLines: lines };
}

function anchorsOf(module: PatternModule): Set<string> {
  return new Set([
    ...module.blocks.map((block) => block.id),
    ...(module.exam?.questions ?? []).map((question) => question.id),
    'exam',
    'challenge',
    'case-studies',
    'mistakes',
    'checklist',
    'see-also',
    'outcomes',
  ]);
}

function moduleFolder(module: ReadableModule): string {
  return path.dirname(module.parsed.file.path);
}

type Evaluator = (module: ReadableModule, context: { collection: Collection; bySlug: Map<string, PatternModule>; inputs: QualityInputs }) => Finding[] | 'not-run';

const evaluators: Record<ProgramRuleId, Evaluator> = {
  'research-academic-source': ({ document }) =>
    document.research.sources.academic.length > 0 ? [] : [{ reason: 'the research names no academic or original source', pointer: '/research/sources/academic' }],
  'research-implementations': ({ document }) => {
    const count = document.research.production_implementations.length;
    return count >= 3 ? [] : [{ reason: `${count} production implementation${count === 1 ? '' : 's'} reviewed; the checklist asks for 3+`, pointer: '/research/production_implementations' }];
  },
  'research-failure-cases': ({ document }) => {
    const count = document.research.failure_cases.length;
    return count >= 2 ? [] : [{ reason: `${count} failure case${count === 1 ? '' : 's'} analysed; the checklist asks for 2+`, pointer: '/research/failure_cases' }];
  },
  'research-performance': ({ document }) =>
    document.research.analysis.performance_metrics.length > 0 ? [] : [{ reason: 'no performance metrics recorded', pointer: '/research/analysis/performance_metrics' }],
  'outcomes-defined': ({ document }) => (document.outcomes.length > 0 ? [] : [{ reason: 'no learning outcomes defined', pointer: '' }]),
  'prerequisites-mapped': ({ document }) => (document.prerequisites.length > 0 ? [] : [{ reason: 'no prerequisite knowledge listed', pointer: '' }]),
  'outline-blocks': ({ document }) => [
    ...(document.blocks.length === 0 ? [{ reason: 'the outline has no focus blocks', pointer: '' }] : []),
    ...(document.challenge ? [] : [{ reason: 'the outline has no integration challenge', pointer: '' }]),
  ],
  'difficulty-progression': ({ document }, { bySlug }) =>
    document.depends_on.flatMap((slug) => {
      const dependency = bySlug.get(slug);
      if (!dependency || difficultyRank[dependency.difficulty] <= difficultyRank[document.difficulty]) return [];
      return [{ reason: `depends on \`${slug}\` (${dependency.difficulty}), which is harder than this module (${document.difficulty})`, pointer: '/difficulty' }];
    }),
  'block-hook': ({ document }) => blocksMissing(document, (b) => !!b.hook, 'priming hook (`:::hook`)'),
  'block-concept': ({ document }) => blocksMissing(document, (b) => !!b.concept, 'core concept (`:::concept`)'),
  'block-code': ({ document }) => blocksMissing(document, (b) => b.code.length > 0, 'code example (`:::code`)'),
  'block-diagram': ({ document }) => blocksMissing(document, (b) => b.diagrams.length > 0, 'diagram (a ```mermaid fence)'),
  'block-analogy': ({ document }) => blocksMissing(document, (b) => !!b.analogy, 'analogy (`:::analogy`)'),
  'block-practice': ({ document }) => [
    ...blocksMissing(document, (b) => !!b.practice, 'exercise (`:::practice`)'),
    ...blocksMissing(document, (b) => !b.practice || !!b.practice.solution, 'solution to its exercise (`:::solution`)'),
  ],
  'block-reflection': ({ document }) => blocksMissing(document, (b) => (b.reflection?.items.length ?? 0) > 0, 'reflection questions (`:::reflection`)'),
  'related-links': ({ document }) => {
    const linked = new Set(document.links.filter((link) => link.kind === 'module').map((link) => link.module));
    if (!document.see_also) return [{ reason: 'no `:::see-also` section links the related patterns', pointer: '' }];
    return document.related.filter((slug) => !linked.has(slug)).map((slug, index) => ({ reason: `related module \`${slug}\` is never linked (../${slug}/module.md)`, pointer: `/related/${index}` }));
  },
  'case-studies': ({ document }) => (document.case_studies.length > 0 ? [] : [{ reason: 'no `:::case-study`', pointer: '' }]),
  'common-mistakes': ({ document }) => ((document.mistakes?.items.length ?? 0) > 0 ? [] : [{ reason: 'no `:::mistakes` list', pointer: '' }]),
  'implementation-checklist': ({ document }) => ((document.checklist?.items.length ?? 0) > 0 ? [] : [{ reason: 'no `:::checklist` task list', pointer: '' }]),
  'exam-present': ({ document }) => ((document.exam?.questions.length ?? 0) > 0 ? [] : [{ reason: 'no exam questions', pointer: '' }]),
  'code-fence-language': ({ parsed }) => (parsed.fencesWithoutLanguage ?? []).map((place) => ({ reason: 'code fence without a language', place })),
  'block-timing': ({ document }) =>
    document.blocks.flatMap((block, index) => {
      const estimate = blockEstimate(block);
      if (estimate.minutes <= block.minutes) return [];
      return [
        {
          reason: `block \`${block.id}\` needs about ${estimate.minutes} minutes (${estimate.words} words at ${wordsPerMinute}/min, ${estimate.codeLines} code lines at ${codeLinesPerMinute}/min${block.practice ? `, ${practiceMinutes} min practice` : ''}) but has ${block.minutes}`,
          pointer: `/blocks/${index}`,
        },
      ];
    }),
  'code-example-failed': ({ document }, { inputs }) => inputs.runFindings?.get(document.slug)?.code ?? 'not-run',
  'exam-answer-mismatch': ({ document }, { inputs }) => inputs.runFindings?.get(document.slug)?.exam ?? 'not-run',
  'diagram-invalid': ({ document }, { inputs }) => {
    if (!inputs.diagramErrors) return 'not-run';
    // Worded, placed and hinted as every output would report it: one diagnostic, whoever finds it.
    return moduleDiagrams(document).flatMap((diagram) => {
      const error = inputs.diagramErrors!.get(diagram.source);
      return error ? [diagramInvalid(diagram, error)] : [];
    });
  },
  'link-broken': (module, { bySlug, collection }) => {
    const { document } = module;
    const own = anchorsOf(document);
    return document.links.flatMap((link, index): Finding[] => {
      const pointer = `/links/${index}`;
      if (link.kind === 'module') {
        const target = bySlug.get(link.module!);
        if (!target) {
          const known = collection.catalog.entries.has(link.module!);
          if (known) return [];
          return [{ reason: `link to module \`${link.module}\`, which does not exist`, pointer, hint: didYouMean(link.module!, bySlug.keys()) }];
        }
        if (link.fragment && !anchorsOf(target).has(link.fragment)) {
          return [{ reason: `\`#${link.fragment}\` is not a block, question or section of \`${link.module}\``, pointer, hint: didYouMean(link.fragment, anchorsOf(target)) }];
        }
        return [];
      }
      if (link.kind === 'anchor') {
        return own.has(link.fragment ?? '') ? [] : [{ reason: `\`${link.href}\` is not a block, question or section of this module`, pointer, hint: didYouMean(link.fragment ?? '', own) }];
      }
      if (link.kind === 'asset') {
        // The loader read every asset it could and reported the ones it refused (outside the folder, too large, unsafe).
        const assetPath = assetPathOf(link.href);
        const assets = collection.assets.get(path.basename(moduleFolder(module)));
        if (assetPath === undefined || linkUrlProblem(link.href) !== undefined || !assets) return [];
        if (assets.files.has(assetPath) || assets.reported.has(assetPath)) return [];
        return [{ reason: `\`${link.href}\` does not exist beside module.md`, pointer }];
      }
      return [];
    });
  },
  'remote-resource': ({ document }) =>
    document.links.flatMap((link, index) =>
      // Unsafe schemes (data:, file:, ...) are link-unsafe; this rule is about images fetched over the network.
      link.image && link.kind === 'external' && linkUrlProblem(link.href) === undefined ? [{ reason: `image loaded from the network: ${link.href}`, pointer: `/links/${index}` }] : [],
    ),
  'signoff-missing': ({ document }) => {
    const signed = new Set(document.review.signoffs.map((signoff) => signoff.item));
    const missing = Object.keys(signoffItems).filter((item) => !signed.has(item));
    return missing.length === 0 ? [] : [{ reason: `not yet signed off: ${missing.join(', ')}`, pointer: '/status' }];
  },
  'rubric-missing': ({ document }) => (document.review.rubric.length > 0 ? [] : [{ reason: 'no reviewer has recorded the quality rubric', pointer: '/status' }]),
  'rubric-not-publishable': ({ document }) => {
    const latest = [...document.review.rubric].sort((a, b) => a.date.localeCompare(b.date)).at(-1);
    if (!latest) return [];
    const index = document.review.rubric.indexOf(latest);
    const weak = rubricCriteria.filter((criterion) => latest[criterion] === 'needs_work');
    const findings: Finding[] = weak.map((criterion) => ({ reason: `${criterion} is needs_work (${latest.reviewer}, ${latest.date})`, pointer: `/review/rubric/${index}/${criterion}` }));
    if (latest.accuracy !== 'excellent' && !weak.includes('accuracy')) {
      findings.push({ reason: `accuracy is ${latest.accuracy}; publishing needs excellent (${latest.reviewer}, ${latest.date})`, pointer: `/review/rubric/${index}/accuracy` });
    }
    return findings;
  },
};

function unknownSignoffs(module: ReadableModule): void {
  module.document.review.signoffs.forEach((signoff, index) => {
    if (!Object.hasOwn(signoffItems, signoff.item)) {
      report(module.parsed.file, 'schema-enum', `\`${signoff.item}\` is not a sign-off item`, {
        place: module.at(`/review/signoffs/${index}/item`),
        hint: didYouMean(signoff.item, Object.keys(signoffItems)),
        expected: Object.keys(signoffItems),
      });
    }
  });
}

/**
 * Applies the seed's checklists to every readable module according to its
 * status, reports what is due and failing, and returns every rule's state
 * (for the report and for `press promote`).
 */
export function checkQuality(collection: Collection, inputs: QualityInputs = {}): ModuleQuality[] {
  const modules = readableModules(collection);
  const bySlug = new Map(modules.map((module) => [module.document.slug, module.document]));
  return modules.map((module) => {
    unknownSignoffs(module);
    const results = (Object.keys(programRules) as ProgramRuleId[]).map((id): RuleResult => {
      const rule = programRule(id);
      const severity = dueSeverity(rule.phase, module.document.status, rule.alwaysWarning);
      if (!severity) return { id, state: 'not-due', findings: [] };
      const findings = evaluators[id](module, { collection, bySlug, inputs });
      if (findings === 'not-run') return { id, state: 'not-run', severity, findings: [] };
      for (const finding of findings) {
        report(module.parsed.file, id as RuleId, finding.reason, {
          place: finding.place ?? (finding.pointer !== undefined ? module.at(finding.pointer) : undefined),
          severity,
          hint: finding.hint,
        });
      }
      return { id, state: findings.length === 0 ? 'pass' : 'fail', severity, findings };
    });
    const signed = new Map(module.document.review.signoffs.map((signoff) => [signoff.item, signoff]));
    return {
      slug: module.document.slug,
      status: module.document.status,
      rules: results,
      signoffs: Object.keys(signoffItems).map((item) => {
        const signoff = signed.get(item);
        return signoff ? { item, state: 'signed' as const, by: signoff.by, date: signoff.date } : { item, state: 'missing' as const };
      }),
    };
  });
}

/** Whether a module may move to `next`: every rule due at `next` must pass (no finding, code run where it applies). */
export function blockersFor(quality: ModuleQuality, next: PatternModule['status']): RuleResult[] {
  return quality.rules.filter((result) => {
    const rule = programRule(result.id);
    if (rule.alwaysWarning) return false;
    const due = rule.phase === 'always' || statusRank(next) > statusRank(rule.phase) || (next === 'published' && rule.phase === 'review');
    return due && (result.state === 'fail' || result.state === 'not-run');
  });
}
