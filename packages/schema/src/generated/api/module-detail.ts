/* Generated from schemas/api/module-detail.schema.json by `pnpm generate:types`. Do not edit. */

/**
 * GET /api/v1/modules/{slug}.json in a learner build (the default; built modules only): the canonical module as learners may see it (no exam, no hidden code tests or exam drivers) plus its content rendered to sanitized HTML. Instructor builds answer with ApiInstructorModule instead.
 */
export type ApiModule = ModuleHeader & {
  slug: unknown;
  title: unknown;
  status: unknown;
  review_copy: unknown;
  notice?: unknown;
  module: ApiLearnerModule;
  html: Html;
  /**
   * Related resources. A learner build has no answers link.
   */
  links: {
    /**
     * This document.
     */
    self: string;
    /**
     * The API index.
     */
    index: string;
    /**
     * The module's exam (without answers), when it has one.
     */
    exam?: string;
  };
};
/**
 * Ids of entries in the resource library.
 *
 * This interface was referenced by `ApiLearnerModule`'s JSON-Schema
 * via the `definition` "citeList".
 */
export type CiteList = string[];
/**
 * Plain-text items, in order.
 *
 * This interface was referenced by `ApiLearnerModule`'s JSON-Schema
 * via the `definition` "textList".
 */
export type TextList = string[];

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
 * The canonical module without its exam, hidden tests and drivers.
 */
export interface ApiLearnerModule {
  /**
   * A module's identifier: its folder name under modules/ and its catalog key (lowercase words joined by -).
   *
   * This interface was referenced by `ApiLearnerModule`'s JSON-Schema
   * via the `definition` "slug".
   */
  slug: string;
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
  /**
   * The catalog category a module belongs to.
   *
   * This interface was referenced by `ApiLearnerModule`'s JSON-Schema
   * via the `definition` "category".
   */
  category: 'scaling' | 'resilience' | 'architecture' | 'data' | 'messaging' | 'observability' | 'security';
  /**
   * Authoring priority from the catalog: 1 is written first, 3 last.
   *
   * This interface was referenced by `ApiLearnerModule`'s JSON-Schema
   * via the `definition` "priority".
   */
  priority: number;
  /**
   * How complex the pattern is to implement, from the catalog.
   *
   * This interface was referenced by `ApiLearnerModule`'s JSON-Schema
   * via the `definition` "complexity".
   */
  complexity: 'low' | 'medium' | 'high' | 'very-high';
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
   *
   * Items: A module's identifier: its folder name under modules/ and its catalog key (lowercase words joined by -).
   *
   * This interface was referenced by `ApiLearnerModule`'s JSON-Schema
   * via the `definition` "slug".
   */
  depends_on: string[];
  /**
   * Modules worth reading alongside this one.
   *
   * Items: A module's identifier: its folder name under modules/ and its catalog key (lowercase words joined by -).
   *
   * This interface was referenced by `ApiLearnerModule`'s JSON-Schema
   * via the `definition` "slug".
   */
  related: string[];
  /**
   * Terms this module teaches, each defined once across the collection (a term defined in two modules is an error). The API's glossary.json gathers them; a module that uses a term defined elsewhere lists it in `terms`.
   */
  glossary?: GlossaryTerm[];
  /**
   * Ids of glossary terms defined in other modules that this module's text uses; a term no module defines is a warning (`term-undefined`).
   *
   * Items: An identifier: a letter, then letters, digits, - or _ (valid as an XML NCName and a SCORM identifier).
   *
   * This interface was referenced by `ApiLearnerModule`'s JSON-Schema
   * via the `definition` "id".
   */
  terms?: string[];
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
   *
   * Items: A team member id from the catalog's timeline.team.
   *
   * This interface was referenced by `ApiLearnerModule`'s JSON-Schema
   * via the `definition` "personId".
   */
  authors: string[];
  /**
   * Lifecycle status: research and outline modules are planned only; draft, review and published modules get every output, and all but published are review copies.
   *
   * This interface was referenced by `ApiLearnerModule`'s JSON-Schema
   * via the `definition` "status".
   */
  status: 'research' | 'outline' | 'draft' | 'review' | 'published';
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
 * This interface was referenced by `ApiLearnerModule`'s JSON-Schema
 * via the `definition` "glossaryTerm".
 */
export interface GlossaryTerm {
  /**
   * An identifier: a letter, then letters, digits, - or _ (valid as an XML NCName and a SCORM identifier).
   *
   * This interface was referenced by `ApiLearnerModule`'s JSON-Schema
   * via the `definition` "id".
   */
  id: string;
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
 * This interface was referenced by `ApiLearnerModule`'s JSON-Schema
 * via the `definition` "outcome".
 */
export interface Outcome {
  /**
   * An identifier: a letter, then letters, digits, - or _ (valid as an XML NCName and a SCORM identifier).
   *
   * This interface was referenced by `ApiLearnerModule`'s JSON-Schema
   * via the `definition` "id".
   */
  id: string;
  /**
   * What the learner can do afterwards, in one sentence.
   */
  text: string;
}
/**
 * Authoring effort per phase, in working days. Defaults follow the seed: research 1, outline 1, content 3, exam 2, review 1.
 *
 * This interface was referenced by `ApiLearnerModule`'s JSON-Schema
 * via the `definition` "effort".
 */
export interface Effort {
  /**
   * Working days of one authoring phase, more than 0 and at most 365.
   *
   * This interface was referenced by `ApiLearnerModule`'s JSON-Schema
   * via the `definition` "days".
   */
  research: number;
  /**
   * Working days of one authoring phase, more than 0 and at most 365.
   *
   * This interface was referenced by `ApiLearnerModule`'s JSON-Schema
   * via the `definition` "days".
   */
  outline: number;
  /**
   * Working days of one authoring phase, more than 0 and at most 365.
   *
   * This interface was referenced by `ApiLearnerModule`'s JSON-Schema
   * via the `definition` "days".
   */
  content: number;
  /**
   * Working days of one authoring phase, more than 0 and at most 365.
   *
   * This interface was referenced by `ApiLearnerModule`'s JSON-Schema
   * via the `definition` "days".
   */
  exam: number;
  /**
   * Working days of one authoring phase, more than 0 and at most 365.
   *
   * This interface was referenced by `ApiLearnerModule`'s JSON-Schema
   * via the `definition` "days".
   */
  review: number;
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
 * This interface was referenced by `ApiLearnerModule`'s JSON-Schema
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
 * This interface was referenced by `ApiLearnerModule`'s JSON-Schema
 * via the `definition` "block".
 */
export interface Block {
  /**
   * An identifier: a letter, then letters, digits, - or _ (valid as an XML NCName and a SCORM identifier).
   *
   * This interface was referenced by `ApiLearnerModule`'s JSON-Schema
   * via the `definition` "id".
   */
  id: string;
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
 * This interface was referenced by `ApiLearnerModule`'s JSON-Schema
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
 * This interface was referenced by `ApiLearnerModule`'s JSON-Schema
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
 * This interface was referenced by `ApiLearnerModule`'s JSON-Schema
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
 * This interface was referenced by `ApiLearnerModule`'s JSON-Schema
 * via the `definition` "practice".
 */
export interface Practice {
  prompt: Part;
  solution?: Part;
}
/**
 * A Markdown section made of a list (common mistakes, reflection questions), with each top-level item also as plain text.
 *
 * This interface was referenced by `ApiLearnerModule`'s JSON-Schema
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
 * This interface was referenced by `ApiLearnerModule`'s JSON-Schema
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
 * This interface was referenced by `ApiLearnerModule`'s JSON-Schema
 * via the `definition` "codeExample".
 */
export interface CodeExample {
  /**
   * An identifier: a letter, then letters, digits, - or _ (valid as an XML NCName and a SCORM identifier).
   *
   * This interface was referenced by `ApiLearnerModule`'s JSON-Schema
   * via the `definition` "id".
   */
  id: string;
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
  position?: Position;
}
/**
 * The integration challenge that closes the outline.
 *
 * This interface was referenced by `ApiLearnerModule`'s JSON-Schema
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
 * This interface was referenced by `ApiLearnerModule`'s JSON-Schema
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
 * This interface was referenced by `ApiLearnerModule`'s JSON-Schema
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
 * This interface was referenced by `ApiLearnerModule`'s JSON-Schema
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
  /**
   * A module's identifier: its folder name under modules/ and its catalog key (lowercase words joined by -).
   *
   * This interface was referenced by `ApiLearnerModule`'s JSON-Schema
   * via the `definition` "slug".
   */
  module?: string;
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
 * This interface was referenced by `ApiLearnerModule`'s JSON-Schema
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
 * This interface was referenced by `ApiLearnerModule`'s JSON-Schema
 * via the `definition` "rubricRecord".
 */
export interface RubricRecord {
  /**
   * A team member id from the catalog's timeline.team.
   *
   * This interface was referenced by `ApiLearnerModule`'s JSON-Schema
   * via the `definition` "personId".
   */
  reviewer: string;
  /**
   * A calendar date, YYYY-MM-DD.
   *
   * This interface was referenced by `ApiLearnerModule`'s JSON-Schema
   * via the `definition` "date".
   */
  date: string;
  /**
   * A rubric verdict on one criterion.
   *
   * This interface was referenced by `ApiLearnerModule`'s JSON-Schema
   * via the `definition` "rating".
   */
  depth: 'excellent' | 'good' | 'needs_work';
  /**
   * A rubric verdict on one criterion.
   *
   * This interface was referenced by `ApiLearnerModule`'s JSON-Schema
   * via the `definition` "rating".
   */
  accuracy: 'excellent' | 'good' | 'needs_work';
  /**
   * A rubric verdict on one criterion.
   *
   * This interface was referenced by `ApiLearnerModule`'s JSON-Schema
   * via the `definition` "rating".
   */
  practicality: 'excellent' | 'good' | 'needs_work';
  /**
   * A rubric verdict on one criterion.
   *
   * This interface was referenced by `ApiLearnerModule`'s JSON-Schema
   * via the `definition` "rating".
   */
  engagement: 'excellent' | 'good' | 'needs_work';
  /**
   * A rubric verdict on one criterion.
   *
   * This interface was referenced by `ApiLearnerModule`'s JSON-Schema
   * via the `definition` "rating".
   */
  progression: 'excellent' | 'good' | 'needs_work';
  /**
   * A rubric verdict on one criterion.
   *
   * This interface was referenced by `ApiLearnerModule`'s JSON-Schema
   * via the `definition` "rating".
   */
  exercises: 'excellent' | 'good' | 'needs_work';
  /**
   * Free-text remarks.
   */
  notes?: string;
}
/**
 * A checklist item no program can judge, signed by a named person.
 *
 * This interface was referenced by `ApiLearnerModule`'s JSON-Schema
 * via the `definition` "signoff".
 */
export interface Signoff {
  /**
   * The checklist item signed off (its rule id).
   */
  item: string;
  /**
   * A team member id from the catalog's timeline.team.
   *
   * This interface was referenced by `ApiLearnerModule`'s JSON-Schema
   * via the `definition` "personId".
   */
  by: string;
  /**
   * A calendar date, YYYY-MM-DD.
   *
   * This interface was referenced by `ApiLearnerModule`'s JSON-Schema
   * via the `definition` "date".
   */
  date: string;
  /**
   * Free-text remarks.
   */
  notes?: string;
}
/**
 * Every part of the module as sanitized HTML.
 */
export interface Html {
  /**
   * Each focus block, in teaching order.
   */
  blocks: Block1[];
  /**
   * The integration challenge, when the module has one.
   */
  challenge?: {
    /**
     * The challenge's heading.
     */
    title: string;
    /**
     * The challenge as HTML.
     */
    prompt: string;
    /**
     * Its worked solution as HTML, when written.
     */
    solution?: string;
  };
  /**
   * Each case study, in order.
   */
  case_studies: {
    /**
     * The case study's heading.
     */
    title: string;
    /**
     * The case study as HTML.
     */
    html: string;
  }[];
  /**
   * Common mistakes as HTML.
   */
  mistakes?: string;
  /**
   * The implementation checklist as HTML.
   */
  checklist?: string;
  /**
   * Further reading as HTML.
   */
  see_also?: string;
}
/**
 * One focus block as HTML.
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "block".
 */
export interface Block1 {
  /**
   * The block's id (the #fragment of links to it).
   */
  id: string;
  /**
   * The block's heading.
   */
  title: string;
  /**
   * Its summary as HTML.
   */
  summary?: string;
  /**
   * Its opening hook as HTML.
   */
  hook?: string;
  /**
   * Its concept explanation as HTML.
   */
  concept?: string;
  /**
   * Its analogy as HTML.
   */
  analogy?: string;
  /**
   * Its practice prompt as HTML.
   */
  practice?: string;
  /**
   * The practice's worked solution as HTML, when written.
   */
  solution?: string;
  /**
   * Its reflection questions as HTML.
   */
  reflection?: string;
  /**
   * Each code example: its caption and its highlighted source (hidden tests are not rendered).
   */
  code: {
    /**
     * The code example's id.
     */
    id: string;
    /**
     * Its caption as HTML.
     */
    caption?: string;
    /**
     * Its source, highlighted, as HTML.
     */
    html: string;
  }[];
}
/**
 * Sanitized HTML of every part, parallel to the canonical document (blocks in the same order).
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "html".
 */
export interface Html1 {
  /**
   * Each focus block, in teaching order.
   */
  blocks: Block1[];
  /**
   * The integration challenge, when the module has one.
   */
  challenge?: {
    /**
     * The challenge's heading.
     */
    title: string;
    /**
     * The challenge as HTML.
     */
    prompt: string;
    /**
     * Its worked solution as HTML, when written.
     */
    solution?: string;
  };
  /**
   * Each case study, in order.
   */
  case_studies: {
    /**
     * The case study's heading.
     */
    title: string;
    /**
     * The case study as HTML.
     */
    html: string;
  }[];
  /**
   * Common mistakes as HTML.
   */
  mistakes?: string;
  /**
   * The implementation checklist as HTML.
   */
  checklist?: string;
  /**
   * Further reading as HTML.
   */
  see_also?: string;
}
