/* Generated from schemas/api/exam.schema.json by `pnpm generate:types`. Do not edit. */

/**
 * GET /api/v1/modules/{slug}/exam.json (built modules with an exam): the questions as a learner sees them, without correct answers, model answers, insights or implications.
 */
export type ApiExam = ModuleHeader & {
  slug: unknown;
  title: unknown;
  status: unknown;
  review_copy: unknown;
  notice?: unknown;
  /**
   * Percentage of points needed to pass.
   */
  pass_mark: number;
  /**
   * The questions, in the author's order.
   */
  questions: Question[];
  /**
   * Related resources.
   */
  links: {
    /**
     * This document.
     */
    self: string;
    /**
     * The module's document.
     */
    module: string;
    /**
     * The answers: instructor builds only.
     */
    answers?: string;
  };
};
/**
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "question".
 */
export type Question = {
  /**
   * The question's id.
   */
  id: string;
  /**
   * The kind of question; it decides the shape of `interaction`.
   */
  type: 'single' | 'multiple' | 'ordering' | 'matching' | 'numeric' | 'sequence';
  /**
   * The question's heading.
   */
  title: string;
  /**
   * Ids of the learning outcomes the question assesses.
   *
   * @minItems 1
   *
   * Items: An identifier: a letter, then letters, digits, - or _ (valid as an XML NCName and a SCORM identifier).
   */
  outcomes: [string, ...string[]];
  /**
   * Points the question is worth.
   */
  points: number;
  prompt: RenderedPart;
  /**
   * What the learner answers with; its shape depends on type (the allOf below).
   */
  interaction: {};
};
/**
 * Two or more choices.
 *
 * @minItems 2
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "choices".
 */
export type Choices = [Choice1, Choice1, ...Choice1[]];
/**
 * The choices to pick from.
 *
 * @minItems 2
 */
export type Choices1 = [Choice1, Choice1, ...Choice1[]];
/**
 * The items to put in order, never in the right order.
 *
 * @minItems 2
 */
export type Choices2 = [Choice1, Choice1, ...Choice1[]];
/**
 * The items to match from, in the author's order.
 *
 * @minItems 2
 */
export type Choices3 = [Choice1, Choice1, ...Choice1[]];
/**
 * The items to match to, never in the matching order.
 *
 * @minItems 2
 */
export type Choices4 = [Choice1, Choice1, ...Choice1[]];

/**
 * Who the resource belongs to, and whether it is a review copy (every status but published).
 */
export interface ModuleHeader {
  /**
   * The module the resource belongs to.
   */
  slug: string;
  /**
   * The module's title.
   */
  title: string;
  /**
   * The module's status.
   */
  status: 'research' | 'outline' | 'draft' | 'review' | 'published';
  /**
   * True unless the module is published: the content is not final.
   */
  review_copy: boolean;
  /**
   * Plain words for readers of a review copy, e.g. "Review copy (status: review)".
   */
  notice?: string;
}
/**
 * The question as written and as HTML.
 */
export interface RenderedPart {
  /**
   * The Markdown, exactly as the author wrote it.
   */
  markdown: string;
  /**
   * The same piece as sanitized HTML, links rewritten to API paths.
   */
  html: string;
}
/**
 * A choice, item, source or target as the learner reads it.
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "choice".
 */
export interface Choice {
  /**
   * An identifier: a letter, then letters, digits, - or _ (valid as an XML NCName and a SCORM identifier).
   */
  id: string;
  /**
   * What the learner reads.
   */
  text: string;
}
/**
 * A choice, item, source or target as the learner reads it.
 */
export interface Choice1 {
  /**
   * An identifier: a letter, then letters, digits, - or _ (valid as an XML NCName and a SCORM identifier).
   */
  id: string;
  /**
   * What the learner reads.
   */
  text: string;
}
/**
 * single and multiple: the choices, in the author's order.
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "choiceInteraction".
 */
export interface ChoiceInteraction {
  choices: Choices1;
}
/**
 * Items to put in order, never listed in the right order.
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "orderingInteraction".
 */
export interface OrderingInteraction {
  items: Choices2;
  minItems?: 0;
}
/**
 * Sources to pair with targets; targets are never listed in the matching order.
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "matchingInteraction".
 */
export interface MatchingInteraction {
  sources: Choices3;
  targets: Choices4;
}
/**
 * numeric: the learner answers with a number.
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "numericInteraction".
 */
export interface NumericInteraction {
  /**
   * The unit the number is given in, when there is one.
   */
  unit?: string;
}
/**
 * The learner names the state after each event.
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "sequenceInteraction".
 */
export interface SequenceInteraction {
  /**
   * Every state the learner may name.
   *
   * @minItems 2
   *
   * Items: An identifier: a letter, then letters, digits, - or _ (valid as an XML NCName and a SCORM identifier).
   */
  states: [string, string, ...string[]];
  /**
   * An identifier: a letter, then letters, digits, - or _ (valid as an XML NCName and a SCORM identifier).
   */
  initial: string;
  /**
   * Settings of the scenario (thresholds, timeouts).
   */
  config?: {
    [k: string]: number | string | boolean;
  };
  /**
   * The events in order; the learner names the state after each.
   *
   * @minItems 1
   */
  events: [
    {
      /**
       * What happens, in words.
       */
      event: string;
      /**
       * The event in machine form, e.g. {failures: 4} or {wait: 31}.
       */
      action?: {
        [k: string]: number | string | boolean;
      };
    },
    ...{
      /**
       * What happens, in words.
       */
      event: string;
      /**
       * The event in machine form, e.g. {failures: 4} or {wait: 31}.
       */
      action?: {
        [k: string]: number | string | boolean;
      };
    }[]
  ];
}
