/* Generated from schemas/module.schema.json by `pnpm generate:types`. Do not edit. */

/**
 * This interface was referenced by `PatternModule`'s JSON-Schema
 * via the `definition` "slug".
 */
export type Slug = string;
/**
 * This interface was referenced by `PatternModule`'s JSON-Schema
 * via the `definition` "category".
 */
export type Category = 'scaling' | 'resilience' | 'architecture' | 'data' | 'messaging' | 'observability' | 'security';
/**
 * This interface was referenced by `PatternModule`'s JSON-Schema
 * via the `definition` "priority".
 */
export type Priority = number;
/**
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
 * This interface was referenced by `PatternModule`'s JSON-Schema
 * via the `definition` "personId".
 */
export type PersonId = string;
/**
 * This interface was referenced by `PatternModule`'s JSON-Schema
 * via the `definition` "status".
 */
export type Status = 'research' | 'outline' | 'draft' | 'review' | 'published';
/**
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
  type: 'single' | 'multiple' | 'ordering' | 'matching' | 'numeric' | 'sequence';
  title: string;
  /**
   * @minItems 1
   */
  outcomes: [Id, ...Id[]];
  points?: number;
  prompt: Part;
  /**
   * The gradable answer; its shape depends on type (the allOf below).
   */
  answer: AnswerSingle | AnswerMultiple | AnswerOrdering | AnswerMatching | AnswerNumeric | AnswerSequence;
  model_answer: Part;
  insights: TextList;
  implications: TextList;
  position?: Position;
};
/**
 * This interface was referenced by `PatternModule`'s JSON-Schema
 * via the `definition` "date".
 */
export type Date = string;
/**
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
  difficulty: 'beginner' | 'intermediate' | 'advanced' | 'expert';
  /**
   * Total learning time in minutes; the focus blocks and the integration challenge add up to it.
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
  research: Research;
  /**
   * Timed focus blocks, in teaching order.
   */
  blocks: Block[];
  challenge?: Challenge;
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
  source: {
    /**
     * The module.md this document was parsed from, relative to the collection's parent.
     */
    path: string;
  };
}
/**
 * This interface was referenced by `PatternModule`'s JSON-Schema
 * via the `definition` "outcome".
 */
export interface Outcome {
  id: Id;
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
 * The seed's pattern research template.
 *
 * This interface was referenced by `PatternModule`'s JSON-Schema
 * via the `definition` "research".
 */
export interface Research {
  sources: {
    academic: CiteList;
    industry: CiteList;
    code: CiteList;
  };
  analysis: {
    problem_solved: TextList;
    key_mechanics: TextList;
    performance_metrics: {
      metric: string;
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
  title: string;
  minutes: number;
  summary?: Part;
  hook?: Part;
  concept?: Part;
  analogy?: Part;
  practice?: Practice;
  reflection?: ListSection;
  /**
   * Every Mermaid diagram in the block, in order.
   */
  diagrams: Diagram[];
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
  line: number;
  column: number;
}
/**
 * This interface was referenced by `PatternModule`'s JSON-Schema
 * via the `definition` "practice".
 */
export interface Practice {
  prompt: Part;
  solution?: Part;
}
/**
 * This interface was referenced by `PatternModule`'s JSON-Schema
 * via the `definition` "listSection".
 */
export interface ListSection {
  markdown: string;
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
  source: string;
  position?: Position;
}
/**
 * This interface was referenced by `PatternModule`'s JSON-Schema
 * via the `definition` "codeExample".
 */
export interface CodeExample {
  id: Id;
  language: string;
  /**
   * File name the example is saved as when run (its tests import it by this name).
   */
  file?: string;
  runnable: boolean;
  /**
   * Markdown around the code inside the :::code directive.
   */
  caption?: string;
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
  language: string;
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
  title: string;
  minutes: number;
  prompt: Part;
  solution?: Part;
  diagrams?: Diagram[];
  position?: Position;
}
/**
 * This interface was referenced by `PatternModule`'s JSON-Schema
 * via the `definition` "caseStudy".
 */
export interface CaseStudy {
  title: string;
  markdown: string;
  position?: Position;
}
/**
 * This interface was referenced by `PatternModule`'s JSON-Schema
 * via the `definition` "checklist".
 */
export interface Checklist {
  markdown: string;
  items: {
    text: string;
    checked: boolean;
  }[];
  position?: Position;
}
/**
 * This interface was referenced by `PatternModule`'s JSON-Schema
 * via the `definition` "exam".
 */
export interface Exam {
  /**
   * Percentage of points needed to pass.
   */
  pass_mark: number;
  questions: Question[];
  position?: Position;
}
/**
 * This interface was referenced by `PatternModule`'s JSON-Schema
 * via the `definition` "link".
 */
export interface Link {
  href: string;
  text: string;
  /**
   * module: another module (../<slug>/module.md[#id]); anchor: #id in this module; asset: a file beside module.md; external: http(s)/mailto.
   */
  kind?: 'module' | 'anchor' | 'asset' | 'external';
  module?: Slug;
  fragment?: string;
  /**
   * True for images (![alt](src)).
   */
  image?: boolean;
  position?: Position;
}
/**
 * This interface was referenced by `PatternModule`'s JSON-Schema
 * via the `definition` "review".
 */
export interface Review {
  rubric: RubricRecord[];
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
  notes?: string;
}
/**
 * A checklist item no program can judge, signed by a named person.
 *
 * This interface was referenced by `PatternModule`'s JSON-Schema
 * via the `definition` "signoff".
 */
export interface Signoff {
  item: string;
  by: PersonId;
  date: Date;
  notes?: string;
}
/**
 * This interface was referenced by `PatternModule`'s JSON-Schema
 * via the `definition` "choice".
 */
export interface Choice {
  id: Id;
  text: string;
}
/**
 * This interface was referenced by `PatternModule`'s JSON-Schema
 * via the `definition` "answerSingle".
 */
export interface AnswerSingle {
  /**
   * @minItems 2
   */
  choices: [Choice, Choice, ...Choice[]];
  correct: Id;
}
/**
 * This interface was referenced by `PatternModule`'s JSON-Schema
 * via the `definition` "answerMultiple".
 */
export interface AnswerMultiple {
  /**
   * @minItems 2
   */
  choices: [Choice, Choice, ...Choice[]];
  /**
   * @minItems 1
   */
  correct: [Id, ...Id[]];
}
/**
 * This interface was referenced by `PatternModule`'s JSON-Schema
 * via the `definition` "answerOrdering".
 */
export interface AnswerOrdering {
  /**
   * @minItems 2
   */
  items: [Choice, Choice, ...Choice[]];
  /**
   * Item ids in the right order.
   *
   * @minItems 2
   */
  correct: [Id, Id, ...Id[]];
  minItems?: 0;
}
/**
 * This interface was referenced by `PatternModule`'s JSON-Schema
 * via the `definition` "answerMatching".
 */
export interface AnswerMatching {
  /**
   * @minItems 2
   */
  sources: [Choice, Choice, ...Choice[]];
  /**
   * @minItems 2
   */
  targets: [Choice, Choice, ...Choice[]];
  /**
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
 * This interface was referenced by `PatternModule`'s JSON-Schema
 * via the `definition` "answerNumeric".
 */
export interface AnswerNumeric {
  correct: number;
  /**
   * Accepted absolute deviation.
   */
  tolerance?: number;
  unit?: string;
}
/**
 * A step-by-step state sequence: the state after each event, like the seed's circuit-breaker question.
 *
 * This interface was referenced by `PatternModule`'s JSON-Schema
 * via the `definition` "answerSequence".
 */
export interface AnswerSequence {
  /**
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
