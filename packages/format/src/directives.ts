/**
 * The directives of the module format, where each may appear, and its attributes.
 * docs/format.md documents the same table for authors.
 */
export const bodyDirectives = ['block', 'challenge', 'case-study', 'mistakes', 'checklist', 'see-also', 'exam'] as const;
export const blockParts = ['hook', 'concept', 'slides', 'code', 'analogy', 'practice', 'solution', 'reflection'] as const;
export const challengeParts = ['solution'] as const;
const examParts = ['question'] as const;
export const questionParts = ['model-answer', 'insights', 'implications'] as const;

export const directiveAttributes: Record<string, readonly string[]> = {
  block: ['id', 'minutes'],
  challenge: ['minutes'],
  'case-study': ['minutes'],
  mistakes: ['minutes'],
  checklist: ['minutes'],
  exam: ['minutes'],
  code: ['id', 'file', 'runnable'],
  slides: ['steps'],
  question: ['id', 'type', 'outcomes', 'points'],
};

export const allDirectiveNames: readonly string[] = [...new Set<string>([...bodyDirectives, ...blockParts, ...challengeParts, ...examParts, ...questionParts])];
