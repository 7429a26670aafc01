/* Generated from schemas/api/answers.schema.json by `pnpm generate:types`. Do not edit. */

/**
 * GET /api/v1/modules/{slug}/answers.json (instructor builds only: `press build --audience instructor`; built modules with an exam): each question's correct answer, model answer, key insights and production implications.
 */
export type ApiAnswers = ModuleHeader & {
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
   * The questions, in the author's order, with their answers.
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
     * The questions as learners see them.
     */
    exam: string;
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
   * The kind of question; it decides the shape of `answer`.
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
  /**
   * The gradable answer, exactly as in the canonical module; its shape depends on type.
   */
  answer: {};
  model_answer: RenderedPart;
  insights: TextList;
  implications: TextList1;
};
/**
 * Key insights to discuss with the answer.
 */
export type TextList = string[];
/**
 * Production implications of the answer.
 */
export type TextList1 = string[];

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
 * The model answer, as written and as HTML.
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
