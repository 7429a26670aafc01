/* Generated from schemas/module.schema.json by `pnpm generate:types`. Do not edit. */

/**
 * A module's identifier: its folder name under modules/ and its catalog key (lowercase words joined by -).
 *
 * This interface was referenced by `PatternModule`'s JSON-Schema
 * via the `definition` "slug".
 */
export type Slug = string;
/**
 * The catalog category a module belongs to.
 *
 * This interface was referenced by `PatternModule`'s JSON-Schema
 * via the `definition` "category".
 */
export type Category = 'scaling' | 'resilience' | 'architecture' | 'data' | 'messaging' | 'observability' | 'security';
/**
 * Authoring priority from the catalog: 1 is written first, 3 last.
 *
 * This interface was referenced by `PatternModule`'s JSON-Schema
 * via the `definition` "priority".
 */
export type Priority = number;
/**
 * How complex the pattern is to implement, from the catalog.
 *
 * This interface was referenced by `PatternModule`'s JSON-Schema
 * via the `definition` "complexity".
 */
export type Complexity = 'low' | 'medium' | 'high' | 'very-high';
/**
 * An identifier: a letter, then letters, digits, - or _ (valid as an XML NCName and a SCORM identifier).
 *
 * This interface was referenced by `PatternModule`'s JSON-Schema
 * via the `definition` "id".
 */
export type Id = string;
/**
 * A team member id from the catalog's timeline.team.
 *
 * This interface was referenced by `PatternModule`'s JSON-Schema
 * via the `definition` "personId".
 */
export type PersonId = string;
/**
 * Lifecycle status: research and outline modules are planned only; draft, review and published modules get every output, and all but published are review copies.
 *
 * This interface was referenced by `PatternModule`'s JSON-Schema
 * via the `definition` "status".
 */
export type Status = 'research' | 'outline' | 'draft' | 'review' | 'published';
/**
 * Working days of one authoring phase, more than 0 and at most 365.
 *
 * This interface was referenced by `PatternModule`'s JSON-Schema
 * via the `definition` "days".
 */
export type Days = number;
/**
 * Ids of entries in the resource library.
 *
 * This interface was referenced by `PatternModule`'s JSON-Schema
 * via the `definition` "citeList".
 */
export type CiteList = string[];
/**
 * Plain-text items, in order.
 *
 * This interface was referenced by `PatternModule`'s JSON-Schema
 * via the `definition` "textList".
 */
export type TextList = string[];
/**
 * This interface was referenced by `PatternModule`'s JSON-Schema
 * via the `definition` "question".
 */
export type Question = {
  id: Id;
  /**
   * The kind of question; it decides the shape of `answer`.
   */
  type: 'single' | 'multiple' | 'ordering' | 'matching' | 'numeric' | 'sequence';
  /**
   * The question's heading.
   */
  title: string;
  /**
   * Ids of the outcomes the question assesses.
   *
   * @minItems 1
   */
  outcomes: [Id, ...Id[]];
  /**
   * Points the question is worth.
   */
  points?: number;
  prompt: Part;
  /**
   * The gradable answer; its shape depends on type (the variant of oneOf that `type` names).
   */
  answer: {};
  model_answer: Part;
  insights: TextList;
  implications: TextList;
  position?: Position;
} & Question1;
export type Question1 =
  SingleQuestion | MultipleQuestion | OrderingQuestion | MatchingQuestion | NumericQuestion | SequenceQuestion;
/**
 * A calendar date, YYYY-MM-DD.
 *
 * This interface was referenced by `PatternModule`'s JSON-Schema
 * via the `definition` "date".
 */
export type Date = string;
/**
 * A rubric verdict on one criterion.
 *
 * This interface was referenced by `PatternModule`'s JSON-Schema
 * via the `definition` "rating".
 */
export type Rating = 'excellent' | 'good' | 'needs_work';

/**
 * The canonical learning module: everything an author writes in modules/<slug>/module.md, merged with its catalog entry. Every emitter reads this document and nothing else.
 */
export interface PatternModule {
  slug: Slug;
  /**
   * Pattern name, e.g. "Circuit Breaker".
   */
  title: string;
  /**
   * One line promise, e.g. "Stop Cascading Failures Before They Start".
   */
  tagline: string;
  /**
   * Semantic version of the module's content.
   */
  version: string;
  category: Category;
  priority: Priority;
  complexity: Complexity;
  /**
   * How hard the module is for learners.
   */
  difficulty: 'beginner' | 'intermediate' | 'advanced' | 'expert';
  /**
   * Total learning time in minutes: the focus blocks, the integration challenge, the case studies, the common mistakes, the checklist and the exam add up to it (each gives its own minutes).
   */
  duration: number;
  /**
   * Concepts a learner should know first.
   */
  prerequisites: string[];
  /**
   * Modules that must be learnt (and written) before this one.
   */
  depends_on: Slug[];
  /**
   * Modules worth reading alongside this one.
   */
  related: Slug[];
  /**
   * Terms this module teaches, each defined once across the collection (a term defined in two modules is an error). The API's glossary.json gathers them; a module that uses a term defined elsewhere lists it in `terms`.
   */
  glossary?: GlossaryTerm[];
  /**
   * Ids of glossary terms defined in other modules that this module's text uses; a term no module defines is a warning (`term-undefined`).
   */
  terms?: Id[];
  /**
   * Production systems that implement the pattern.
   */
  real_examples: string[];
  /**
   * Learning outcomes; exam questions cite them by id.
   */
  outcomes: Outcome[];
  /**
   * Team member ids from the catalog's timeline.team.
   */
  authors: PersonId[];
  status: Status;
  effort: Effort;
  /**
   * Actual dates of authoring phases (optional): the timeline keeps them and plans the rest. A finished phase is done; a started one is in progress.
   */
  progress?: {
    research?: PhaseProgress;
    outline?: PhaseProgress1;
    content?: PhaseProgress2;
    exam?: PhaseProgress3;
    review?: PhaseProgress4;
  };
  research: Research;
  /**
   * Timed focus blocks, in teaching order.
   */
  blocks: Block[];
  challenge?: Challenge;
  /**
   * Real incidents and deployments, each a titled piece of Markdown.
   */
  case_studies: CaseStudy[];
  mistakes?: ListSection;
  checklist?: Checklist;
  see_also?: Part;
  exam?: Exam;
  /**
   * Every link in the body, in document order, for link checking and rewriting.
   */
  links: Link[];
  /**
   * Library ids cited in the body with [@id].
   */
  citations?: string[];
  review: Review;
  /**
   * Where this document was read from.
   */
  source: {
    /**
     * The module.md this document was parsed from, relative to the collection's parent.
     */
    path: string;
  };
}
/**
 * A glossary entry: the term, its id (an anchor for links) and its definition.
 *
 * This interface was referenced by `PatternModule`'s JSON-Schema
 * via the `definition` "glossaryTerm".
 */
export interface GlossaryTerm {
  id: Id;
  /**
   * The term as learners meet it in the text.
   */
  term: string;
  /**
   * Other spellings and plurals used in the text.
   */
  aliases?: string[];
  /**
   * One or two sentences, Markdown, standing on their own.
   */
  definition: string;
}
/**
 * This interface was referenced by `PatternModule`'s JSON-Schema
 * via the `definition` "outcome".
 */
export interface Outcome {
  id: Id;
  /**
   * What the learner can do afterwards, in one sentence.
   */
  text: string;
}
/**
 * Authoring effort per phase, in working days. Defaults follow the seed: research 1, outline 1, content 3, exam 2, review 1.
 *
 * This interface was referenced by `PatternModule`'s JSON-Schema
 * via the `definition` "effort".
 */
export interface Effort {
  research: Days;
  outline: Days;
  content: Days;
  exam: Days;
  review: Days;
}
/**
 * The research phase as it happened.
 */
export interface PhaseProgress {
  /**
   * First day worked on the phase.
   */
  started: string;
  /**
   * Last day worked on it: the phase is done.
   */
  finished?: string;
  /**
   * A team member id from the catalog's timeline.team.
   */
  by?: string;
}
/**
 * The outline phase as it happened.
 */
export interface PhaseProgress1 {
  /**
   * First day worked on the phase.
   */
  started: string;
  /**
   * Last day worked on it: the phase is done.
   */
  finished?: string;
  /**
   * A team member id from the catalog's timeline.team.
   */
  by?: string;
}
/**
 * The content phase as it happened.
 */
export interface PhaseProgress2 {
  /**
   * First day worked on the phase.
   */
  started: string;
  /**
   * Last day worked on it: the phase is done.
   */
  finished?: string;
  /**
   * A team member id from the catalog's timeline.team.
   */
  by?: string;
}
/**
 * The exam phase as it happened.
 */
export interface PhaseProgress3 {
  /**
   * First day worked on the phase.
   */
  started: string;
  /**
   * Last day worked on it: the phase is done.
   */
  finished?: string;
  /**
   * A team member id from the catalog's timeline.team.
   */
  by?: string;
}
/**
 * The review phase as it happened.
 */
export interface PhaseProgress4 {
  /**
   * First day worked on the phase.
   */
  started: string;
  /**
   * Last day worked on it: the phase is done.
   */
  finished?: string;
  /**
   * A team member id from the catalog's timeline.team.
   */
  by?: string;
}
/**
 * The seed's pattern research template.
 *
 * This interface was referenced by `PatternModule`'s JSON-Schema
 * via the `definition` "research".
 */
export interface Research {
  /**
   * Where the research comes from, as resource-library ids.
   */
  sources: {
    academic: CiteList;
    industry: CiteList;
    code: CiteList;
  };
  /**
   * What the research found.
   */
  analysis: {
    problem_solved: TextList;
    key_mechanics: TextList;
    /**
     * Measured effects of the pattern, each with its source.
     */
    performance_metrics: {
      /**
       * What was measured.
       */
      metric: string;
      /**
       * The measured value as written, units included.
       */
      value: string;
      /**
       * Library id backing the figure.
       */
      source?: string;
    }[];
  };
  production_implementations: TextList;
  failure_cases: TextList;
}
/**
 * A timed focus block with the seed's anatomy.
 *
 * This interface was referenced by `PatternModule`'s JSON-Schema
 * via the `definition` "block".
 */
export interface Block {
  id: Id;
  /**
   * The block's heading.
   */
  title: string;
  /**
   * Learning time of the block in minutes.
   */
  minutes: number;
  summary?: Part;
  hook?: Part;
  concept?: Part;
  slides?: SlideText;
  analogy?: Part;
  practice?: Practice;
  reflection?: ListSection;
  /**
   * Every Mermaid diagram in the block, in order.
   */
  diagrams: Diagram[];
  /**
   * The block's code examples, in order.
   */
  code: CodeExample[];
  position?: Position;
}
/**
 * A piece of Markdown (CommonMark + GFM, pandoc-style [@citations]) exactly as the author wrote it.
 *
 * This interface was referenced by `PatternModule`'s JSON-Schema
 * via the `definition` "part".
 */
export interface Part {
  /**
   * The Markdown, exactly as written.
   */
  markdown: string;
  position?: Position;
}
/**
 * Where this node starts in the source file (1-based line and column).
 *
 * This interface was referenced by `PatternModule`'s JSON-Schema
 * via the `definition` "position".
 */
export interface Position {
  /**
   * 1-based line.
   */
  line: number;
  /**
   * 1-based column.
   */
  column: number;
}
/**
 * What a block's concept slides say, written by the author (`:::slides`): a heading starts a slide, lists are its points. The concept's full text goes to the speaker notes. Empty Markdown keeps the slides derived from the concept.
 *
 * This interface was referenced by `PatternModule`'s JSON-Schema
 * via the `definition` "slideText".
 */
export interface SlideText {
  /**
   * The Markdown, exactly as written.
   */
  markdown: string;
  /**
   * Reveal the points of the block's slides one at a time (`:::slides{steps=true}`).
   */
  steps?: boolean;
  position?: Position;
}
/**
 * Active practice: a prompt and, when written, its worked solution.
 *
 * This interface was referenced by `PatternModule`'s JSON-Schema
 * via the `definition` "practice".
 */
export interface Practice {
  prompt: Part;
  solution?: Part;
}
/**
 * A Markdown section made of a list (common mistakes, reflection questions), with each top-level item also as plain text.
 *
 * This interface was referenced by `PatternModule`'s JSON-Schema
 * via the `definition` "listSection".
 */
export interface ListSection {
  /**
   * The section's Markdown, exactly as written.
   */
  markdown: string;
  /**
   * Reading time in minutes (given on `:::mistakes`); the timing rule counts it in the duration.
   */
  minutes?: number;
  /**
   * Plain text of each top-level list item.
   */
  items: string[];
  position?: Position;
}
/**
 * This interface was referenced by `PatternModule`'s JSON-Schema
 * via the `definition` "diagram".
 */
export interface Diagram {
  /**
   * Stable id derived from the source hash: equal sources share one render.
   */
  id: string;
  /**
   * The Mermaid diagram type: the first word of the source (stateDiagram-v2, flowchart, sequenceDiagram, gantt, ...).
   */
  kind: string;
  /**
   * The Mermaid source, as written.
   */
  source: string;
  position?: Position;
}
/**
 * This interface was referenced by `PatternModule`'s JSON-Schema
 * via the `definition` "codeExample".
 */
export interface CodeExample {
  id: Id;
  /**
   * The fence's language (python, javascript, yaml, ...).
   */
  language: string;
  /**
   * File name the example is saved as when run (its tests import it by this name).
   */
  file?: string;
  /**
   * Whether `press check --run` runs the example with its hidden tests (false for fragments and configuration).
   */
  runnable: boolean;
  /**
   * Markdown around the code inside the :::code directive.
   */
  caption?: string;
  /**
   * The code learners see, as written.
   */
  source: string;
  /**
   * Hidden tests: run by `press check --run`, never shown to learners.
   */
  tests: CodeTest[];
  position?: Position;
  driver?: CodeTest;
}
/**
 * A hidden fence of a code example: a test (meta `test`) or the exam driver (meta `driver`), which reads a scenario as JSON on stdin and prints the state after each step, one per line.
 *
 * This interface was referenced by `PatternModule`'s JSON-Schema
 * via the `definition` "codeTest".
 */
export interface CodeTest {
  /**
   * The fence's language.
   */
  language: string;
  /**
   * The hidden code, as written.
   */
  source: string;
  position?: Position;
}
/**
 * The integration challenge that closes the outline.
 *
 * This interface was referenced by `PatternModule`'s JSON-Schema
 * via the `definition` "challenge".
 */
export interface Challenge {
  /**
   * The challenge's heading.
   */
  title: string;
  /**
   * Learning time of the challenge in minutes.
   */
  minutes: number;
  prompt: Part;
  solution?: Part;
  /**
   * Every Mermaid diagram in the challenge, in order.
   */
  diagrams?: Diagram[];
  position?: Position;
}
/**
 * This interface was referenced by `PatternModule`'s JSON-Schema
 * via the `definition` "caseStudy".
 */
export interface CaseStudy {
  /**
   * The case study's heading.
   */
  title: string;
  /**
   * The case study's Markdown, exactly as written.
   */
  markdown: string;
  /**
   * Reading time of the case study in minutes; the timing rule counts it in the duration.
   */
  minutes?: number;
  position?: Position;
}
/**
 * The implementation checklist learners take away: a Markdown task list, with each item also as text and state.
 *
 * This interface was referenced by `PatternModule`'s JSON-Schema
 * via the `definition` "checklist".
 */
export interface Checklist {
  /**
   * The checklist's Markdown (a task list), exactly as written.
   */
  markdown: string;
  /**
   * Time to work through the checklist in minutes; the timing rule counts it in the duration.
   */
  minutes?: number;
  /**
   * Each task-list item, in order.
   */
  items: {
    /**
     * The item's text.
     */
    text: string;
    /**
     * True when written as done ([x]).
     */
    checked: boolean;
  }[];
  position?: Position;
}
/**
 * The assessment: questions with their correct answers, model answers, insights and implications (the learner API shows the questions only, in exam.json).
 *
 * This interface was referenced by `PatternModule`'s JSON-Schema
 * via the `definition` "exam".
 */
export interface Exam {
  /**
   * Percentage of points needed to pass.
   */
  pass_mark: number;
  /**
   * Time to take the exam in minutes; the timing rule counts it in the duration.
   */
  minutes?: number;
  /**
   * The questions, in order.
   */
  questions: Question[];
  assessment?: Assessment;
  position?: Position;
}
/**
 * A `single` question: its answer is AnswerSingle.
 *
 * This interface was referenced by `PatternModule`'s JSON-Schema
 * via the `definition` "singleQuestion".
 */
export interface SingleQuestion {
  type: 'single';
  answer: AnswerSingle;
}
/**
 * This interface was referenced by `PatternModule`'s JSON-Schema
 * via the `definition` "answerSingle".
 */
export interface AnswerSingle {
  /**
   * The choices, in the author's order.
   *
   * @minItems 2
   */
  choices: [Choice, Choice, ...Choice[]];
  correct: Id;
}
/**
 * This interface was referenced by `PatternModule`'s JSON-Schema
 * via the `definition` "choice".
 */
export interface Choice {
  id: Id;
  /**
   * What the learner reads.
   */
  text: string;
}
/**
 * A `multiple` question: its answer is AnswerMultiple.
 *
 * This interface was referenced by `PatternModule`'s JSON-Schema
 * via the `definition` "multipleQuestion".
 */
export interface MultipleQuestion {
  type: 'multiple';
  answer: AnswerMultiple;
}
/**
 * This interface was referenced by `PatternModule`'s JSON-Schema
 * via the `definition` "answerMultiple".
 */
export interface AnswerMultiple {
  /**
   * The choices, in the author's order.
   *
   * @minItems 2
   */
  choices: [Choice, Choice, ...Choice[]];
  /**
   * The ids of every right choice.
   *
   * @minItems 1
   */
  correct: [Id, ...Id[]];
}
/**
 * A `ordering` question: its answer is AnswerOrdering.
 *
 * This interface was referenced by `PatternModule`'s JSON-Schema
 * via the `definition` "orderingQuestion".
 */
export interface OrderingQuestion {
  type: 'ordering';
  answer: AnswerOrdering;
}
/**
 * This interface was referenced by `PatternModule`'s JSON-Schema
 * via the `definition` "answerOrdering".
 */
export interface AnswerOrdering {
  /**
   * The items to put in order, in the author's order.
   *
   * @minItems 2
   */
  items: [Choice, Choice, ...Choice[]];
  /**
   * Item ids in the right order.
   *
   * @minItems 2
   */
  correct: [Id, Id, ...Id[]];
}
/**
 * A `matching` question: its answer is AnswerMatching.
 *
 * This interface was referenced by `PatternModule`'s JSON-Schema
 * via the `definition` "matchingQuestion".
 */
export interface MatchingQuestion {
  type: 'matching';
  answer: AnswerMatching;
}
/**
 * This interface was referenced by `PatternModule`'s JSON-Schema
 * via the `definition` "answerMatching".
 */
export interface AnswerMatching {
  /**
   * The items to match from, in the author's order.
   *
   * @minItems 2
   */
  sources: [Choice, Choice, ...Choice[]];
  /**
   * The items to match to, in the author's order.
   *
   * @minItems 2
   */
  targets: [Choice, Choice, ...Choice[]];
  /**
   * The right pairs: each source id with its target id.
   *
   * @minItems 1
   */
  correct: [
    {
      source: Id;
      target: Id;
    },
    ...{
      source: Id;
      target: Id;
    }[]
  ];
}
/**
 * A `numeric` question: its answer is AnswerNumeric.
 *
 * This interface was referenced by `PatternModule`'s JSON-Schema
 * via the `definition` "numericQuestion".
 */
export interface NumericQuestion {
  type: 'numeric';
  answer: AnswerNumeric;
}
/**
 * This interface was referenced by `PatternModule`'s JSON-Schema
 * via the `definition` "answerNumeric".
 */
export interface AnswerNumeric {
  /**
   * The right value.
   */
  correct: number;
  /**
   * Accepted absolute deviation.
   */
  tolerance?: number;
  /**
   * The unit the value is given in.
   */
  unit?: string;
}
/**
 * A `sequence` question: its answer is AnswerSequence.
 *
 * This interface was referenced by `PatternModule`'s JSON-Schema
 * via the `definition` "sequenceQuestion".
 */
export interface SequenceQuestion {
  type: 'sequence';
  answer: AnswerSequence;
}
/**
 * A step-by-step state sequence: the state after each event, like the seed's circuit-breaker question.
 *
 * This interface was referenced by `PatternModule`'s JSON-Schema
 * via the `definition` "answerSequence".
 */
export interface AnswerSequence {
  /**
   * Every state the learner may name.
   *
   * @minItems 2
   */
  states: [Id, Id, ...Id[]];
  initial: Id;
  /**
   * Settings of the scenario (thresholds, timeouts) that a runnable check feeds to the module's code.
   */
  config?: {
    [k: string]: number | string | boolean;
  };
  /**
   * The events in order, each with the state after it.
   *
   * @minItems 1
   */
  steps: [
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
      state: Id;
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
      state: Id;
    }[]
  ];
  /**
   * Id of the code example whose implementation must reproduce the states (press check --run).
   */
  verify?: string;
}
/**
 * How the SCORM player runs the exam (front matter `assessment:`); every field is optional.
 *
 * This interface was referenced by `PatternModule`'s JSON-Schema
 * via the `definition` "assessment".
 */
export interface Assessment {
  /**
   * Submissions allowed; unlimited when absent.
   */
  attempts?: number;
  /**
   * When the model answers are shown: `final` (default) after a pass or the last attempt, `always` after every submission, `never`.
   */
  show_answers?: 'final' | 'always' | 'never';
  /**
   * The score recorded in the LMS: the best attempt's (default) or the last one's.
   */
  result?: 'best' | 'last';
  /**
   * Shuffle the questions and their choices for each attempt (the same order within an attempt, across a resume); default false.
   */
  shuffle?: boolean;
  /**
   * The quiz opens only once every content page was seen; default false.
   */
  linear?: boolean;
}
/**
 * This interface was referenced by `PatternModule`'s JSON-Schema
 * via the `definition` "link".
 */
export interface Link {
  /**
   * The link target, as written.
   */
  href: string;
  /**
   * The link text (for an image, its alt text).
   */
  text: string;
  /**
   * module: another module (../<slug>/module.md[#id]); anchor: #id in this module; asset: a file beside module.md; external: http(s)/mailto.
   */
  kind?: 'module' | 'anchor' | 'asset' | 'external';
  module?: Slug;
  /**
   * The #fragment of the target, without #, when there is one.
   */
  fragment?: string;
  /**
   * True for images (![alt](src)).
   */
  image?: boolean;
  position?: Position;
}
/**
 * Quality review records: rubric verdicts and sign-offs.
 *
 * This interface was referenced by `PatternModule`'s JSON-Schema
 * via the `definition` "review".
 */
export interface Review {
  /**
   * Rubric verdicts, one per review.
   */
  rubric: RubricRecord[];
  /**
   * Sign-offs of the checklist items no program can judge.
   */
  signoffs: Signoff[];
}
/**
 * One reviewer's verdict on the seed's quality rubric.
 *
 * This interface was referenced by `PatternModule`'s JSON-Schema
 * via the `definition` "rubricRecord".
 */
export interface RubricRecord {
  reviewer: PersonId;
  date: Date;
  depth: Rating;
  accuracy: Rating;
  practicality: Rating;
  engagement: Rating;
  progression: Rating;
  exercises: Rating;
  /**
   * Free-text remarks.
   */
  notes?: string;
}
/**
 * A checklist item no program can judge, signed by a named person.
 *
 * This interface was referenced by `PatternModule`'s JSON-Schema
 * via the `definition` "signoff".
 */
export interface Signoff {
  /**
   * The checklist item signed off (its rule id).
   */
  item: string;
  by: PersonId;
  date: Date;
  /**
   * Free-text remarks.
   */
  notes?: string;
}
/**
 * This interface was referenced by `PatternModule`'s JSON-Schema
 * via the `definition` "phaseProgress".
 */
export interface PhaseProgress5 {
  /**
   * First day worked on the phase.
   */
  started: string;
  /**
   * Last day worked on it: the phase is done.
   */
  finished?: string;
  /**
   * A team member id from the catalog's timeline.team.
   */
  by?: string;
}
