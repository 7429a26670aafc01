import type { PatternModule } from '@pattern-press/schema';

/**
 * Who a build is for. `learner` (the default, what a training team
 * publishes) writes nothing that gives an exam or a hidden test away;
 * `instructor` adds the answer keys and the full canonical documents.
 */
export type Audience = 'learner' | 'instructor';
export const audiences: readonly Audience[] = ['learner', 'instructor'];

type CodeExample = PatternModule['blocks'][number]['code'][number];

/** A code example as learners see it: no hidden tests, no exam driver. */
type LearnerCodeExample = Omit<CodeExample, 'tests' | 'driver'>;

/**
 * The canonical module as learners may see it: without the exam (exam.json
 * has the questions, answers.json the answers), without the code examples'
 * hidden tests and drivers, and without the links written inside the exam
 * (model answers may link). Everything else as the canonical document has it.
 */
export type LearnerModule = Omit<PatternModule, 'exam' | 'blocks'> & {
  blocks: (Omit<PatternModule['blocks'][number], 'code'> & { code: LearnerCodeExample[] })[];
};

/** Lines of module.md the exam spans: from its start to the next part after it (or the end). */
function examLines(module: PatternModule): { from: number; to: number } | undefined {
  const from = module.exam?.position?.line;
  if (module.exam === undefined) return undefined;
  if (from === undefined) return { from: 0, to: Infinity };
  const starts = [
    ...module.blocks.map((block) => block.position?.line),
    module.challenge?.position?.line,
    ...module.case_studies.map((study) => study.position?.line),
    module.mistakes?.position?.line,
    module.checklist?.position?.line,
    module.see_also?.position?.line,
  ].filter((line): line is number => line !== undefined && line > from);
  return { from, to: Math.min(Infinity, ...starts) };
}

export function learnerModule(module: PatternModule): LearnerModule {
  const { exam: _exam, blocks, links, ...rest } = module;
  const exam = examLines(module);
  return {
    ...rest,
    blocks: blocks.map((block) => ({
      ...block,
      code: block.code.map(({ tests: _tests, driver: _driver, ...example }) => example),
    })),
    // A link without a position cannot be placed outside the exam, so it is left out too.
    links: exam === undefined ? links : links.filter((link) => link.position !== undefined && (link.position.line < exam.from || link.position.line >= exam.to)),
  };
}
