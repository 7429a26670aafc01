import type { Status } from '@pattern-press/schema';
import type { Phase } from './types.js';

/**
 * What is left to do at each status. A status names the phase the module is
 * in, so that phase remains: `research` → all five; `outline` (research and
 * outline written) → content, exam, review; `draft` (content written) → exam
 * and review, or review alone once the document holds exam questions;
 * `review` → review; `published` → nothing.
 */
export function remainingPhases(status: Status, exam?: { questions: readonly unknown[] } | undefined): Phase[] {
  switch (status) {
    case 'research':
      return ['research', 'outline', 'content', 'exam', 'review'];
    case 'outline':
      return ['content', 'exam', 'review'];
    case 'draft':
      return (exam?.questions.length ?? 0) > 0 ? ['review'] : ['exam', 'review'];
    case 'review':
      return ['review'];
    case 'published':
      return [];
  }
}
