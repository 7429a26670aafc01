import { createHash } from 'node:crypto';
import type {
  ApiAnswers,
  ApiChoiceInteraction,
  ApiExam,
  ApiMatchingInteraction,
  ApiNumericInteraction,
  ApiOrderingInteraction,
  ApiSequenceInteraction,
  Choice,
  PatternModule,
  Question,
} from '@pattern-press/schema';
import { renderedPart, type HtmlContext } from './html.js';

/** What a learner answers a question with (exam.json's `interaction`; the schema picks the shape by the question's type). */
type Interaction = ApiChoiceInteraction | ApiOrderingInteraction | ApiMatchingInteraction | ApiNumericInteraction | ApiSequenceInteraction;

function sameOrder(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, index) => id === b[index]);
}

/** `list.map(f)` with the list's length kept in its type: the schemas' minItems are tuple types. */
function mapped<T extends readonly unknown[], U>(list: T, f: (item: T[number]) => U): { -readonly [K in keyof T]: U } {
  return list.map(f) as { -readonly [K in keyof T]: U };
}

/**
 * The author's order, unless it gives the answer away (`solved` says when it
 * does): then a stable order by hash, rotated once more if even that solves it.
 */
export function presentationOrder<T extends readonly Choice[]>(questionId: string, choices: T, solved: (ids: string[]) => boolean): { -readonly [K in keyof T]: Choice } {
  if (!solved(choices.map((choice) => choice.id))) return mapped(choices, (choice) => choice);
  const key = (choice: Choice) => createHash('sha256').update(`${questionId}\u0000${choice.id}`).digest('hex');
  let order = [...choices].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  if (solved(order.map((choice) => choice.id))) order = [...order.slice(1), order[0]!];
  // A permutation of `choices`: the same length.
  return order as { -readonly [K in keyof T]: Choice };
}

/** What a learner answers with: everything of the answer but the solution. */
export function interactionOf(question: Question): Interaction {
  switch (question.type) {
    case 'single':
    case 'multiple':
      // An option's feedback says why it is right or wrong: part of the key, not of what the learner answers with.
      return { choices: mapped(question.answer.choices, ({ id, text }) => ({ id, text })) };
    case 'ordering': {
      const ordering = question.answer;
      return { items: presentationOrder(question.id, ordering.items, (ids) => sameOrder(ids, ordering.correct)) };
    }
    case 'matching': {
      const matching = question.answer;
      const targetOf = new Map(matching.correct.map((pair) => [pair.source, pair.target]));
      const matchingOrder = matching.sources.map((source) => targetOf.get(source.id)).filter((id): id is string => id !== undefined);
      const targets = presentationOrder(question.id, matching.targets, (ids) => matchingOrder.length > 1 && sameOrder(ids.slice(0, matchingOrder.length), matchingOrder));
      return { sources: mapped(matching.sources, (source) => source), targets };
    }
    case 'numeric':
      return question.answer.unit !== undefined ? { unit: question.answer.unit } : {};
    case 'sequence': {
      const sequence = question.answer;
      const interaction: ApiSequenceInteraction = {
        states: mapped(sequence.states, (state) => state),
        initial: sequence.initial,
        events: mapped(sequence.steps, (step) => (step.action ? { event: step.event, action: { ...step.action } } : { event: step.event })),
      };
      if (sequence.config) interaction.config = { ...sequence.config };
      return interaction;
    }
  }
}

/** What learners and instructors both see of a question. */
function questionHeader(question: Question): Pick<ApiExam['questions'][number], 'id' | 'type' | 'title' | 'outcomes' | 'points'> {
  return {
    id: question.id,
    type: question.type,
    title: question.title,
    outcomes: [...question.outcomes],
    points: question.points ?? 1,
  };
}

export function examQuestion(module: PatternModule, context: HtmlContext, question: Question): ApiExam['questions'][number] {
  return {
    ...questionHeader(question),
    prompt: renderedPart(module, context, question.prompt.markdown),
    interaction: interactionOf(question),
  };
}

export function answerQuestion(module: PatternModule, context: HtmlContext, question: Question): ApiAnswers['questions'][number] {
  return {
    ...questionHeader(question),
    answer: question.answer,
    model_answer: renderedPart(module, context, question.model_answer.markdown),
    insights: [...question.insights],
    implications: [...question.implications],
  };
}
