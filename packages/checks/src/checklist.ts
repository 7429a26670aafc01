import type { RuleId } from '@pattern-press/diagnostics';
import type { Status } from '@pattern-press/schema';

export const statusOrder: readonly Status[] = ['research', 'outline', 'draft', 'review', 'published'];

export function statusRank(status: Status): number {
  return statusOrder.indexOf(status);
}

/**
 * The phase a rule belongs to: its work is done while the module is at that
 * status. At that status a failure is a warning (work in progress, and what
 * `press promote` still needs); at any later status it is an error. `always`
 * rules are errors at every status.
 */
export type Phase = Status | 'always';

export interface ChecklistEntry {
  /** Where the seed lists it: "Pre-development › research". */
  checklist: string;
  /** The seed's own wording. */
  item: string;
}

/** Checklist items a program judges, by rule id. */
export const programRules = {
  'research-academic-source': { phase: 'research', checklist: 'Pre-development › research', item: 'Read original source/paper' },
  'research-implementations': { phase: 'research', checklist: 'Pre-development › research', item: 'Review 3+ production implementations' },
  'research-failure-cases': { phase: 'research', checklist: 'Pre-development › research', item: 'Analyze 2+ failure cases' },
  'research-performance': { phase: 'research', checklist: 'Pre-development › research', item: 'Benchmark performance impacts' },
  'outcomes-defined': { phase: 'outline', checklist: 'Pre-development › planning', item: 'Define learning outcomes' },
  'prerequisites-mapped': { phase: 'outline', checklist: 'Pre-development › planning', item: 'Map prerequisite knowledge' },
  'outline-blocks': { phase: 'outline', checklist: 'Module outline', item: 'Focus blocks and an integration challenge' },
  'difficulty-progression': { phase: 'outline', checklist: 'Pre-development › validation', item: 'Review difficulty progression' },
  'block-hook': { phase: 'draft', checklist: 'During development › each focus block', item: 'Engaging opening hook' },
  'block-concept': { phase: 'draft', checklist: 'During development › each focus block', item: 'Clear core concept explanation' },
  'block-code': { phase: 'draft', checklist: 'During development › each focus block', item: 'Working code example' },
  'block-diagram': { phase: 'draft', checklist: 'During development › each focus block', item: 'Visual diagram/flowchart' },
  'block-analogy': { phase: 'draft', checklist: 'During development › each focus block', item: 'Relatable analogy' },
  'block-practice': { phase: 'draft', checklist: 'During development › each focus block', item: 'Hands-on exercise' },
  'block-reflection': { phase: 'draft', checklist: 'During development › each focus block', item: 'Reflection questions' },
  'related-links': { phase: 'draft', checklist: 'During development › integration', item: 'Links to related patterns' },
  'case-studies': { phase: 'draft', checklist: 'During development › integration', item: 'Real-world case studies' },
  'common-mistakes': { phase: 'draft', checklist: 'During development › integration', item: 'Common mistakes section' },
  'implementation-checklist': { phase: 'draft', checklist: 'During development › integration', item: 'Implementation checklist' },
  'exam-present': { phase: 'draft', checklist: 'Exam creation (day 5)', item: 'Scenario questions with model answers' },
  'code-fence-language': { phase: 'draft', checklist: 'Post-development › final checks', item: 'Formatting consistent' },
  'block-timing': { phase: 'draft', checklist: 'Pre-development › validation; During › quality', item: 'Time each section; time estimates realistic', alwaysWarning: true },
  'code-example-failed': { phase: 'draft', checklist: 'Pre-development › validation; During › quality', item: 'Test all code examples; code tested and working' },
  'exam-answer-mismatch': { phase: 'draft', checklist: 'Exam creation (day 5)', item: 'Model answer matches the taught implementation' },
  'diagram-invalid': { phase: 'always', checklist: 'During development › quality', item: 'Diagrams clear and correct (they parse)' },
  'link-broken': { phase: 'always', checklist: 'Post-development › final checks', item: 'All links working' },
  'remote-resource': { phase: 'always', checklist: 'Safe, offline outputs', item: 'Nothing loaded from the network' },
  'signoff-missing': { phase: 'review', checklist: 'Post-development', item: 'Human reviews signed off (see below)' },
  'rubric-missing': { phase: 'review', checklist: 'Module quality rubric', item: 'Rubric recorded by a reviewer' },
  'rubric-not-publishable': { phase: 'review', checklist: 'Module quality rubric', item: 'No needs_work; accuracy excellent' },
} satisfies Partial<Record<RuleId, ProgramRule>>;

export interface ProgramRule extends ChecklistEntry {
  phase: Phase;
  alwaysWarning?: boolean;
}

export type ProgramRuleId = keyof typeof programRules;

export function programRule(id: ProgramRuleId): ProgramRule {
  return programRules[id];
}

/** Checklist items no program can judge: a named person signs them off in `review.signoffs`. */
export const signoffItems: Record<string, ChecklistEntry> = {
  'accuracy-verified': { checklist: 'Pre-development › validation', item: 'Verify technical accuracy' },
  'diagrams-clear': { checklist: 'During development › quality', item: 'Diagrams clear and correct' },
  'code-review': { checklist: 'Post-development › technical review', item: 'Code review by senior engineer' },
  'domain-accuracy': { checklist: 'Post-development › technical review', item: 'Accuracy check by domain expert' },
  'performance-claims': { checklist: 'Post-development › technical review', item: 'Performance claims verified' },
  'best-practices': { checklist: 'Post-development › technical review', item: 'Best practices confirmed' },
  'learning-flow': { checklist: 'Post-development › learning review', item: 'Learning flow logical' },
  'difficulty-curve': { checklist: 'Post-development › learning review', item: 'Difficulty curve appropriate' },
  'exercises-achievable': { checklist: 'Post-development › learning review', item: 'Exercises achievable' },
  'time-estimates': { checklist: 'Post-development › learning review', item: 'Time estimates accurate' },
};

/** When a rule applies to a module at `status`, and how hard. */
export function dueSeverity(phase: Phase, status: Status, alwaysWarning = false): 'error' | 'warning' | undefined {
  if (phase === 'always') return alwaysWarning ? 'warning' : 'error';
  const difference = statusRank(status) - statusRank(phase);
  if (difference < 0) return undefined;
  return difference === 0 || alwaysWarning ? 'warning' : 'error';
}

export const rubricCriteria = ['depth', 'accuracy', 'practicality', 'engagement', 'progression', 'exercises'] as const;
