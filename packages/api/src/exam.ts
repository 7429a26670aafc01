import { createHash } from 'node:crypto';
import type { Choice, PatternModule, Question } from '@pattern-press/schema';
import { renderedPart, type HtmlContext } from './html.js';

export type Interaction =
  | { choices: Choice[] }
  | { items: Choice[] }
  | { sources: Choice[]; targets: Choice[] }
  | { unit?: string }
  | { states: string[]; initial: string; config?: Record<string, number | string | boolean>; events: { event: string; action?: Record<string, number | string | boolean> }[] };

function sameOrder(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, index) => id === b[index]);
}

/**
 * The author's order, unless it gives the answer away (`solved` says when it
 * does): then a stable order by hash, rotated once more if even that solves it.
 */
export function presentationOrder(questionId: string, choices: readonly Choice[], solved: (ids: string[]) => boolean): Choice[] {
  if (!solved(choices.map((choice) => choice.id))) return [...choices];
  const key = (choice: Choice) => createHash('sha256').update(`${questionId}\u0000${choice.id}`).digest('hex');
  let order = [...choices].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  if (solved(order.map((choice) => choice.id))) order = [...order.slice(1), order[0]!];
  return order;
}

/** What a learner answers with: everything of the answer but the solution. */
export function interactionOf(question: Question): Interaction {
  switch (question.type) {
    case 'single':
    case 'multiple':
      return { choices: [...question.answer.choices] };
    case 'ordering': {
      const ordering = question.answer;
      return { items: presentationOrder(question.id, ordering.items, (ids) => sameOrder(ids, ordering.correct)) };
    }
    case 'matching': {
      const matching = question.answer;
      const targetOf = new Map(matching.correct.map((pair) => [pair.source, pair.target]));
      const matchingOrder = matching.sources.map((source) => targetOf.get(source.id)).filter((id): id is string => id !== undefined);
      const targets = presentationOrder(question.id, matching.targets, (ids) => matchingOrder.length > 1 && sameOrder(ids.slice(0, matchingOrder.length), matchingOrder));
      return { sources: [...matching.sources], targets };
    }
    case 'numeric':
      return question.answer.unit !== undefined ? { unit: question.answer.unit } : {};
    case 'sequence': {
      const sequence = question.answer;
      const interaction: Interaction = {
        states: [...sequence.states],
        initial: sequence.initial,
        events: sequence.steps.map((step) => (step.action ? { event: step.event, action: { ...step.action } } : { event: step.event })),
      };
      if (sequence.config) interaction.config = { ...sequence.config };
      return interaction;
    }
  }
}

/** What learners and instructors both see of a question. */
function questionHeader(question: Question) {
  return {
    id: question.id,
    type: question.type,
    title: question.title,
    outcomes: [...question.outcomes],
    points: question.points ?? 1,
  };
}

export function examQuestion(module: PatternModule, context: HtmlContext, question: Question) {
  return {
    ...questionHeader(question),
    prompt: renderedPart(module, context, question.prompt.markdown),
    interaction: interactionOf(question),
  };
}

export function answerQuestion(module: PatternModule, context: HtmlContext, question: Question) {
  return {
    ...questionHeader(question),
    answer: question.answer,
    model_answer: renderedPart(module, context, question.model_answer.markdown),
    insights: [...question.insights],
    implications: [...question.implications],
  };
}
