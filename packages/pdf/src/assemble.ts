import { isReviewCopy, blockPartLabel } from '@pattern-press/format';
import type { AnswerSequence, Block, PatternModule, Question } from '@pattern-press/schema';
import { glossaryAnchor, glossaryEntries, moduleGlossary, type GlossaryEntry } from '@pattern-press/render';
import { innerAnchor, moduleAnchor } from './anchors.js';
import { attributeValue, escapeMarkdown, fencedCode } from './markdown-text.js';

/** A PDF of one module, or the handbook of every built module. */
export type DocumentKind = 'module' | 'handbook';

export interface DocumentSpec {
  kind: DocumentKind;
  /** The modules in the document, in catalog order. */
  modules: readonly PatternModule[];
  /**
   * Every module of the handbook, in order: a module's chapter is the same
   * part in its own PDF and in the handbook (numbered as there, with links
   * to the other modules), so it is printed once for both.
   */
  book: readonly PatternModule[];
  /** The title on the cover and in the metadata. */
  title: string;
  subtitle: string;
}

/** Class of the placeholder the TypeScript stage swaps for the table of contents. */
export const tocPlaceholderClass = 'press-toc';
/** Key-value attribute naming the module whose Markdown a div holds (for link rewriting). */
export const moduleAttribute = 'module';

const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

function letter(index: number): string {
  return letters[index] ?? String(index + 1);
}

function heading(level: number, text: string, id: string, number?: string): string {
  const prefix = number ? `[${number}]{.secno} ` : '';
  return `${'#'.repeat(level)} ${prefix}${text} {#${id}${number ? '' : ' .unnumbered'}}`;
}

function moduleDiv(slug: string, classes: string, body: string[]): string {
  return [`:::::::: {${classes} ${moduleAttribute}=${attributeValue(slug)}}`, ...body, '::::::::'].join('\n\n');
}

function callout(kind: string, label: string, markdown: string): string {
  return [`::: {.callout .${kind}}`, `[${label}]{.callout-label}`, markdown.trim(), ':::'].join('\n\n');
}

function bulletList(items: readonly string[]): string {
  return items.map((item) => `- ${escapeMarkdown(item)}`).join('\n');
}

function minutesLine(minutes: number): string {
  return `[${minutes} minutes]{.minutes}`;
}

function statusLine(module: PatternModule): string | undefined {
  return isReviewCopy(module) ? `[Review copy: status ${module.status}, not published]{.review-copy}` : undefined;
}

/** The library entries a document lists: every one its modules cite or name as research sources. */
function listedReferences(spec: DocumentSpec, knownReferences: ReadonlySet<string>): string[] {
  return [
    ...new Set(spec.modules.flatMap((module) => [...(module.citations ?? []), ...module.research.sources.academic, ...module.research.sources.industry, ...module.research.sources.code])),
  ].filter((id) => knownReferences.has(id));
}

function cover(spec: DocumentSpec): string {
  const reviewCopies = spec.modules.filter(isReviewCopy);
  const lines = ['::: {.cover}', `[Pattern Press]{.cover-kicker}`, `[${escapeMarkdown(spec.title)}]{.cover-title}`, `[${escapeMarkdown(spec.subtitle)}]{.cover-tagline}`];
  if (spec.kind === 'module') {
    const module = spec.modules[0]!;
    lines.push(`[Version ${escapeMarkdown(module.version)} · ${escapeMarkdown(module.difficulty)} · ${module.duration} minutes]{.cover-meta}`);
    const status = statusLine(module);
    if (status) lines.push(status);
  } else {
    lines.push(
      `[${spec.modules.length} ${spec.modules.length === 1 ? 'module' : 'modules'}: ${spec.modules.map((module) => `${escapeMarkdown(module.title)} ${escapeMarkdown(module.version)}`).join(', ')}]{.cover-meta}`,
    );
    if (reviewCopies.length > 0) {
      lines.push(`[Review copy: not yet published: ${reviewCopies.map((module) => `${escapeMarkdown(module.title)} (${module.status})`).join(', ')}]{.review-copy}`);
    }
  }
  lines.push(':::');
  return lines.join('\n\n');
}

function about(module: PatternModule, level: number): string[] {
  const out = [heading(level, 'About this module', innerAnchor(module.slug, 'about'))];
  out.push(`*${escapeMarkdown(module.tagline)}*`, `**Duration** ${module.duration} minutes · **Difficulty** ${escapeMarkdown(module.difficulty)} · **Version** ${escapeMarkdown(module.version)}`);
  const status = statusLine(module);
  if (status) out.push(status);
  if (module.outcomes.length > 0) {
    out.push('**Learning outcomes.** After this module you can:', module.outcomes.map((outcome, index) => `${index + 1}. ${escapeMarkdown(outcome.text)}`).join('\n'));
  }
  if (module.prerequisites.length > 0) out.push('**Prerequisites**', bulletList(module.prerequisites));
  if (module.real_examples.length > 0) out.push('**In production**', bulletList(module.real_examples));
  return out;
}

function codeExamples(module: PatternModule, block: Block): string[] {
  return block.code.map((code) => {
    // Code ids are their own namespace: a block and its code example may share one (`#strategies`), a book may not.
    const parts = [`::: {.code-example #${innerAnchor(module.slug, `code-${code.id}`)}}`];
    if (code.caption) parts.push(code.caption.trim());
    if (code.file) parts.push(`[${escapeMarkdown(code.file)}]{.code-file}`);
    parts.push(fencedCode(code.source, code.language), ':::');
    return parts.join('\n\n');
  });
}

function blockSection(module: PatternModule, block: Block, level: number, number: string): string[] {
  const out = [heading(level, escapeMarkdown(block.title), innerAnchor(module.slug, block.id), number), minutesLine(block.minutes)];
  if (block.summary) out.push(block.summary.markdown.trim());
  if (block.hook) out.push(callout('hook', blockPartLabel('hook'), block.hook.markdown));
  if (block.concept) out.push(block.concept.markdown.trim());
  out.push(...codeExamples(module, block));
  if (block.analogy) out.push(callout('analogy', blockPartLabel('analogy'), block.analogy.markdown));
  if (block.practice) {
    // Written like an author's link (`#id`): the link stage prefixes it with the module, once.
    const pointer = block.practice.solution ? `\n\n[Solution: see the [answer key](#solution-${block.id}).]{.solution-pointer}` : '';
    out.push(callout('practice', blockPartLabel('practice'), block.practice.prompt.markdown.trim() + pointer));
  }
  if (block.reflection) out.push(callout('reflection', blockPartLabel('reflection'), block.reflection.markdown));
  return out;
}

function challengeTitle(title: string): string {
  return /^integration challenge/i.test(title) ? escapeMarkdown(title) : `Integration challenge: ${escapeMarkdown(title)}`;
}

function outcomeNumbers(module: PatternModule, question: Question): string {
  return question.outcomes.map((id) => String(module.outcomes.findIndex((outcome) => outcome.id === id) + 1 || id)).join(', ');
}

/** Lettered choices: the letter is the marker (the list prints no bullet, see `.choices` in style.ts). */
function choiceList(choices: readonly { text: string }[]): string {
  return `::: {.choices}\n${choices.map((choice, index) => `- **${letter(index)}.** ${escapeMarkdown(choice.text)}`).join('\n')}\n:::`;
}

function sequenceTable(answer: AnswerSequence, withStates: boolean): string {
  const rows = answer.steps.map((step, index) => `| ${index + 1} | ${escapeMarkdown(step.event)} | ${withStates ? escapeMarkdown(step.state) : ' '} |`);
  return ['| Step | Event | State after |', '|---:|:---|:---|', ...rows].join('\n');
}

function configLine(config: AnswerSequence['config']): string {
  const entries = Object.entries(config ?? {});
  return entries.length === 0 ? '' : `Settings: ${entries.map(([key, value]) => `\`${key}\` = ${escapeMarkdown(String(value))}`).join(', ')}.`;
}

/** What the learner sees of a question's gradable answer: the choices, never the key. */
function answerForm(question: Question): string[] {
  switch (question.type) {
    case 'single':
      return ['Choose one:', choiceList(question.answer.choices)];
    case 'multiple':
      return ['Choose every answer that applies:', choiceList(question.answer.choices)];
    case 'ordering':
      return ['Put these in the right order:', choiceList(question.answer.items)];
    case 'matching': {
      const answer = question.answer;
      return ['Match each item with one option:', answer.sources.map((source, index) => `${index + 1}. ${escapeMarkdown(source.text)}`).join('\n'), choiceList(answer.targets)];
    }
    case 'numeric': {
      const answer = question.answer;
      return [`Answer: ______${answer.unit ? ` ${escapeMarkdown(answer.unit)}` : ''}`];
    }
    case 'sequence': {
      const answer = question.answer;
      return [
        `States: ${answer.states.map((state) => `\`${state}\``).join(', ')}; initial state \`${answer.initial}\`. ${configLine(answer.config)}`.trim(),
        'Give the state after each step:',
        sequenceTable(answer, false),
      ];
    }
  }
}

function choiceText(choices: readonly { id: string; text: string }[], id: string): string {
  const index = choices.findIndex((choice) => choice.id === id);
  return index < 0 ? escapeMarkdown(id) : `**${letter(index)}.** ${escapeMarkdown(choices[index]!.text)}`;
}

/** The key of a question's gradable answer, for the appendix. */
function answerKey(question: Question): string[] {
  switch (question.type) {
    case 'single': {
      const answer = question.answer;
      return [`**Correct answer:** ${choiceText(answer.choices, answer.correct)}`];
    }
    case 'multiple': {
      const answer = question.answer;
      return ['**Correct answers:**', `::: {.choices}\n${answer.correct.map((id) => `- ${choiceText(answer.choices, id)}`).join('\n')}\n:::`];
    }
    case 'ordering': {
      const answer = question.answer;
      return ['**Correct order:**', answer.correct.map((id, index) => `${index + 1}. ${choiceText(answer.items, id)}`).join('\n')];
    }
    case 'matching': {
      const answer = question.answer;
      return [
        '**Correct matches:**',
        answer.correct
          .map((pair) => {
            const source = answer.sources.find((item) => item.id === pair.source);
            return `- ${escapeMarkdown(source?.text ?? pair.source)} → ${choiceText(answer.targets, pair.target)}`;
          })
          .join('\n'),
      ];
    }
    case 'numeric': {
      const answer = question.answer;
      const tolerance = answer.tolerance ? ` ± ${answer.tolerance}` : '';
      return [`**Correct answer:** ${answer.correct}${tolerance}${answer.unit ? ` ${escapeMarkdown(answer.unit)}` : ''}`];
    }
    case 'sequence':
      return ['**Correct states:**', sequenceTable(question.answer, true)];
  }
}

function examSection(module: PatternModule, level: number, number: string): string[] {
  const exam = module.exam!;
  const out = [heading(level, 'Exam', innerAnchor(module.slug, 'exam'), number), `${exam.questions.length} scenario questions; pass mark ${exam.pass_mark}%. Answers are in the answer key.`];
  exam.questions.forEach((question, index) => {
    out.push(
      heading(level + 1, `Question ${index + 1}: ${escapeMarkdown(question.title)}`, innerAnchor(module.slug, question.id)),
      `[Assesses outcomes ${outcomeNumbers(module, question)}${question.points ? ` · ${question.points} points` : ''}]{.question-meta}`,
      question.prompt.markdown.trim(),
      ...answerForm(question),
    );
  });
  return out;
}

function moduleBody(module: PatternModule, moduleLevel: number, moduleNumber: string): string[] {
  const level = moduleLevel + 1;
  const prefix = moduleNumber ? `${moduleNumber}.` : '';
  let section = 0;
  const next = () => `${prefix}${++section}`;
  const out = [heading(moduleLevel, escapeMarkdown(module.title), moduleAnchor(module.slug), moduleNumber || undefined), ...about(module, level)];
  for (const block of module.blocks) out.push(...blockSection(module, block, level, next()));
  if (module.challenge) {
    const challenge = module.challenge;
    out.push(heading(level, challengeTitle(challenge.title), innerAnchor(module.slug, 'challenge'), next()), minutesLine(challenge.minutes), challenge.prompt.markdown.trim());
  }
  if (module.case_studies.length > 0) {
    out.push(heading(level, 'Case studies', innerAnchor(module.slug, 'case-studies'), next()));
    module.case_studies.forEach((study, index) => {
      out.push(heading(level + 1, escapeMarkdown(study.title), innerAnchor(module.slug, `case-study-${index + 1}`)), study.markdown.trim());
    });
  }
  if (module.mistakes) out.push(heading(level, 'Common mistakes', innerAnchor(module.slug, 'mistakes'), next()), module.mistakes.markdown.trim());
  if (module.checklist) out.push(heading(level, 'Implementation checklist', innerAnchor(module.slug, 'checklist'), next()), module.checklist.markdown.trim());
  if (module.see_also) out.push(heading(level, 'See also', innerAnchor(module.slug, 'see-also'), next()), module.see_also.markdown.trim());
  if (module.exam && module.exam.questions.length > 0) out.push(...examSection(module, level, next()));
  return out;
}

/** Practice solutions, the challenge's solution and every question's key, model answer, insights and implications. */
function moduleAnswers(module: PatternModule, level: number): string[] {
  const out: string[] = [];
  for (const block of module.blocks) {
    if (!block.practice?.solution) continue;
    out.push(heading(level, `Practice: ${escapeMarkdown(block.title)}`, innerAnchor(module.slug, `solution-${block.id}`)), block.practice.solution.markdown.trim());
  }
  if (module.challenge?.solution) {
    out.push(heading(level, challengeTitle(module.challenge.title), innerAnchor(module.slug, 'solution-challenge')), module.challenge.solution.markdown.trim());
  }
  module.exam?.questions.forEach((question, index) => {
    out.push(heading(level, `Question ${index + 1}: ${escapeMarkdown(question.title)}`, innerAnchor(module.slug, `answer-${question.id}`)), ...answerKey(question));
    out.push(callout('model-answer', 'Model answer', question.model_answer.markdown));
    if (question.insights.length > 0) out.push('**Key insights**', question.insights.map((item, i) => `${i + 1}. ${escapeMarkdown(item)}`).join('\n'));
    if (question.implications.length > 0) out.push('**Production implications**', bulletList(question.implications));
  });
  return out;
}

function citesAnything(spec: DocumentSpec, knownReferences: ReadonlySet<string>): boolean {
  return spec.modules.some(
    (module) =>
      (module.citations ?? []).length > 0 || [...module.research.sources.academic, ...module.research.sources.industry, ...module.research.sources.code].some((id) => knownReferences.has(id)),
  );
}

function hasAnswers(module: PatternModule): boolean {
  return module.blocks.some((block) => block.practice?.solution) || Boolean(module.challenge?.solution) || (module.exam?.questions.length ?? 0) > 0;
}

/**
 * A document of a PDF printed on its own and merged into the book: the front
 * matter (cover and contents), a module's chapter, the answer key's title
 * page, a module's answers, the references. A chapter and a module's answers
 * do not depend on where they land (page numbers are stamped after the
 * merge) nor on the document (a module's PDF holds the handbook's chapter),
 * so each is printed once and reused until its module changes.
 */
export type PartSpec =
  | { kind: 'front'; document: DocumentSpec }
  | { kind: 'chapter'; module: PatternModule /** The chapter number in the handbook. */; number: string }
  | { kind: 'answer-key'; document: DocumentSpec }
  | { kind: 'answers'; module: PatternModule }
  | { kind: 'glossary'; document: DocumentSpec }
  | { kind: 'references'; document: DocumentSpec };

/**
 * The terms a document's glossary lists: every term its modules define or
 * use, as the book's modules define them (a module PDF lists its own).
 */
export function documentGlossary(spec: DocumentSpec): GlossaryEntry[] {
  const entries = glossaryEntries(spec.book);
  const used = new Set(spec.modules.flatMap((module) => moduleGlossary(module, entries).map((entry) => entry.id)));
  return entries.filter((entry) => used.has(entry.id));
}

/** The terms each module of the book links to (`AstContext.terms`), as the book's modules define them. */
export function bookTerms(book: readonly PatternModule[]): (slug: string) => readonly GlossaryEntry[] {
  const entries = glossaryEntries(book);
  const bySlug = new Map(book.map((module) => [module.slug, moduleGlossary(module, entries)]));
  return (slug) => bySlug.get(slug) ?? [];
}

/** The glossary: each term, its definition, and the chapters that use it (links to those in the document). */
function glossaryMarkdown(spec: DocumentSpec): string {
  const present = new Set(spec.modules.map((module) => module.slug));
  const chapter = (slug: string) => {
    const index = spec.book.findIndex((module) => module.slug === slug);
    const module = spec.book[index];
    if (!module) return undefined;
    const name = `chapter ${index + 1}, ${escapeMarkdown(module.title)}`;
    return present.has(slug) ? `[${name}](#${moduleAnchor(slug)})` : name;
  };
  const items = documentGlossary(spec).map((entry) => {
    const chapters = entry.usedBy.flatMap((slug) => chapter(slug) ?? []);
    const usedIn = chapters.length > 0 ? [`[Used in ${chapters.join('; ')}.]{.glossary-chapters}`] : [];
    // A div per entry, not a definition list: the reader leaves definition lists off for authors' text.
    return [`::: {.glossary-entry}`, `[${escapeMarkdown(entry.term)}]{#${glossaryAnchor(entry.id)} .glossary-name}`, entry.definition.trim(), ...usedIn, ':::'].join('\n\n');
  });
  const intro = spec.kind === 'module' ? 'The terms this module teaches and uses, with the chapters of the handbook that use each.' : 'The terms the modules teach, with the chapters that use each.';
  return [`# Glossary {#glossary .unnumbered}`, intro, `:::: {.glossary}\n\n${items.join('\n\n')}\n\n::::`].join('\n\n');
}

/** Metadata of a part: its title (for the page title), and no bibliography except in the references part. */
function partFrontMatter(title: string, lines: string[] = []): string {
  return ['---', `title: ${JSON.stringify(escapeMarkdown(title))}`, 'lang: en-GB', 'link-citations: true', ...lines, '---'].join('\n');
}

/** The pandoc Markdown of one part (see PartSpec). */
export function partMarkdown(part: PartSpec, knownReferences: ReadonlySet<string>): string {
  switch (part.kind) {
    case 'front': {
      const spec = part.document;
      // No author: the catalog names authors by role ids (author-a), which are no names to print.
      const meta = partFrontMatter(spec.title, [`subtitle: ${JSON.stringify(escapeMarkdown(spec.subtitle))}`]);
      return [meta, cover(spec), `::: {.${tocPlaceholderClass}}\n:::`].join('\n\n') + '\n';
    }
    case 'chapter': {
      const { module } = part;
      // Citations are formatted here and link to the references part; the bibliography itself is printed there.
      return [partFrontMatter(module.title, ['suppress-bibliography: true']), moduleDiv(module.slug, `.module .module-${module.slug}`, moduleBody(module, 1, part.number))].join('\n\n') + '\n';
    }
    case 'answer-key': {
      const one = part.document.kind === 'module';
      const intro = `The solutions to the practice exercises, the integration challenge${one ? '' : 's'} and the exam questions${one ? ' of this module' : ', module by module in the order of the chapters'}: each practice exercise and question points here.`;
      return [partFrontMatter('Answer key'), `::::::::: {.answer-key .answer-key-title}\n\n${heading(1, 'Answer key', 'answer-key')}\n\n${intro}\n\n:::::::::`].join('\n\n') + '\n';
    }
    case 'answers': {
      const { module } = part;
      const body = [heading(2, escapeMarkdown(module.title), innerAnchor(module.slug, 'answers')), ...moduleAnswers(module, 3)];
      return [partFrontMatter(`${module.title}: answers`, ['suppress-bibliography: true']), `::::::::: {.answer-key}\n\n${moduleDiv(module.slug, '.answers', body)}\n\n:::::::::`].join('\n\n') + '\n';
    }
    case 'glossary':
      return [partFrontMatter('Glossary', ['suppress-bibliography: true']), glossaryMarkdown(part.document)].join('\n\n') + '\n';
    case 'references': {
      const listed = listedReferences(part.document, knownReferences);
      return (
        [
          partFrontMatter('References', listed.length > 0 ? [`nocite: ${JSON.stringify(listed.map((id) => `@${id}`).join(', '))}`] : []),
          `# References {#references .unnumbered}\n\n::: {#refs}\n:::`,
        ].join('\n\n') + '\n'
      );
    }
  }
}

/** The parts of a PDF, in book order: front matter, chapters, the answer key, the glossary (when any term is used), references (when anything is cited). */
export function documentParts(spec: DocumentSpec, knownReferences: ReadonlySet<string>): PartSpec[] {
  const parts: PartSpec[] = [{ kind: 'front', document: spec }];
  for (const module of spec.modules) parts.push({ kind: 'chapter', module, number: String(spec.book.findIndex((other) => other.slug === module.slug) + 1) });
  const answered = spec.modules.filter(hasAnswers);
  if (answered.length > 0) parts.push({ kind: 'answer-key', document: spec }, ...answered.map((module): PartSpec => ({ kind: 'answers', module })));
  if (documentGlossary(spec).length > 0) parts.push({ kind: 'glossary', document: spec });
  if (citesAnything(spec, knownReferences)) parts.push({ kind: 'references', document: spec });
  return parts;
}
