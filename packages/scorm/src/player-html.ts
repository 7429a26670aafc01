import { escapeHtml, markdownToHtml, type GlossaryEntry } from '@pattern-press/render';
import { citationsToText, fullCitation, blockPartLabel } from '@pattern-press/format';
import type { Block, PatternModule, Question, ResourceLibrary } from '@pattern-press/schema';
import { glossaryPage, glossaryPageBody, hasGlossary, termHref } from './glossary-page.js';
import { sealAnswerKey } from './sealed.js';
import { stringsFor, type PlayerStrings } from './strings.js';
import type { ScormVersion } from './schemas.js';

export interface PlayerHtmlOptions {
  version: ScormVersion;
  /** SVG of each rendered Mermaid source. */
  diagrams: ReadonlyMap<string, string>;
  /** Where the player's CSS and JS are, relative to the page. */
  playerBase: string;
  /** Rewrites a module-relative asset path to its path in the package, relative to the page. */
  assetUrl?: (assetPath: string) => string | undefined;
  /** The resource library, for readable citations and the list of sources. */
  library?: ResourceLibrary | undefined;
  /** Rendered Markdown by source, shared across calls: the same module in two versions renders once. */
  markdownCache?: Map<string, string> | undefined;
  /** The glossary terms the module defines or uses (`moduleGlossary`): the glossary page lists them, the text links their first use per section. */
  glossary?: readonly GlossaryEntry[] | undefined;
  /** The title of another module, to say where a term it defines is taught. */
  moduleTitle?: ((slug: string) => string | undefined) | undefined;
}

export interface PlayerPage {
  id: string;
  title: string;
  /** A reference page (the glossary): completion does not wait for it, nor does a linear quiz. */
  optional?: boolean;
}

/** The ids a question's controls and its CMI records use: what the page may show before grading. */
export interface QuestionShape {
  choices?: string[];
  items?: string[];
  sources?: string[];
  targets?: string[];
  states?: string[];
  stepCount?: number;
}

/** How the player runs the exam: the module's `assessment` settings with their defaults. */
export interface PlayerAssessment {
  /** Submissions allowed; null = unlimited. */
  attempts: number | null;
  showAnswers: 'final' | 'always' | 'never';
  result: 'best' | 'last';
  /** Questions and choices in another order each attempt. */
  shuffle: boolean;
  /** The quiz opens once every content page was seen. */
  linear: boolean;
}

/**
 * What the player script reads: pages for navigation, questions for the
 * controls and the interaction records, and the answer key (correct answers
 * and model answers) sealed, so that the page holds no readable key.
 */
export interface PlayerData {
  slug: string;
  title: string;
  version: ScormVersion;
  passMark: number | null;
  assessment: PlayerAssessment;
  /** The module's learning outcomes: one LMS objective each (`cmi.objectives.n`), scored by the questions that cite it. */
  outcomes: { id: string; text: string }[];
  pages: PlayerPage[];
  questions: { id: string; type: Question['type']; title: string; points: number; outcomes: string[]; shape: QuestionShape }[];
  /** `sealAnswerKey` of one `{ answer, feedback }` per question (feedback: the model answer's HTML). */
  key: string;
  /** What the player says, in the module's language (src/strings.ts). */
  strings: PlayerStrings;
}

/** The language every module is written in today: the page's lang, in which the player reads numbers. */
export const moduleLanguage = 'en';

// Links that cannot work inside one SCO (another module, a module.md) become plain text.
const unlinked = 'pp-unlinked:';

function markdown(source: string, options: PlayerHtmlOptions): string {
  const cached = options.markdownCache?.get(source);
  if (cached !== undefined) return cached;
  const html = renderMarkdown(source, options);
  options.markdownCache?.set(source, html);
  return html;
}

function renderMarkdown(source: string, options: PlayerHtmlOptions): string {
  const html = markdownToHtml(citationsToText(source, options.library), {
    diagram: (text) => {
      const svg = options.diagrams.get(text);
      return svg === undefined ? undefined : accessibleDiagram(svg, text);
    },
    rewriteUrl: (url, kind) => {
      if (/^(https?:|mailto:)/i.test(url) || url.startsWith('#')) return url;
      if (/(^|\/)module\.md(#.*)?$/.test(url)) return unlinked;
      const asset = options.assetUrl?.(url.split(/[?#]/)[0]!);
      return asset ?? (kind === 'image' ? '' : unlinked);
    },
    terms: options.glossary ? { entries: options.glossary, href: termHref } : undefined,
  });
  return accessibleMarkup(
    html
      .replace(new RegExp(`<a href="${unlinked}"[^>]*>([\\s\\S]*?)</a>`, 'g'), '<span class="xref">$1</span>')
      .replace(/<a href="(https?:[^"]*)"/g, '<a href="$1" target="_blank" rel="noopener noreferrer"'),
  );
}

/**
 * A rendered Mermaid diagram as one image with a name, followed by its source
 * as the text alternative (Mermaid's own SVG roles leave it without one).
 */
function accessibleDiagram(svg: string, source: string): string {
  const kind = /^\s*(\w+)/.exec(source)?.[1] ?? 'diagram';
  const image = svg.replace(/^<svg([^>]*?) role="[^"]*"/, '<svg$1').replace(/^<svg/, `<svg role="img" aria-label="Diagram (${escapeHtml(kind)}); it is described in text below"`);
  return `${image}<details class="diagram-text"><summary>The diagram as text</summary><pre tabindex="0"><code>${escapeHtml(source)}</code></pre></details>`;
}

/**
 * What the shared Markdown renderer leaves for a page to do: code blocks and
 * tables that a keyboard can scroll, checklist boxes named by their item (and
 * usable), and no empty header cells (a comparison table's corner).
 */
function accessibleMarkup(html: string): string {
  return html
    .replace(/<pre>/g, '<pre tabindex="0">')
    .replace(/<li class="task-list-item"><input type="checkbox"( checked)? disabled>((?:(?!<\/li>|<ul|<ol|<li|<p>)[\s\S])*)/g, '<li class="task-list-item"><label><input type="checkbox"$1>$2</label>')
    .replace(/<th><\/th>/g, '<td></td>')
    .replace(/<table>/g, '<div class="scroll" role="region" aria-label="Table" tabindex="0"><table>')
    .replace(/<\/table>/g, '</table></div>');
}

function section(kind: string, heading: string, body: string): string {
  return `<section class="part part-${kind}"><h3>${escapeHtml(heading)}</h3>${body}</section>`;
}

function blockHtml(block: Block, options: PlayerHtmlOptions): string {
  const parts: string[] = [];
  if (block.hook) parts.push(`<div class="hook">${markdown(block.hook.markdown, options)}</div>`);
  if (block.concept) parts.push(section('concept', blockPartLabel('concept'), markdown(block.concept.markdown, options)));
  for (const example of block.code) {
    const fence = '`'.repeat(Math.max(3, ...(example.source.match(/`+/g) ?? []).map((run) => run.length + 1)));
    const caption = example.caption ? markdown(example.caption, options) : '';
    const file = example.file ? `<p class="file">${escapeHtml(example.file)}</p>` : '';
    parts.push(`<figure class="code" id="code-${escapeHtml(example.id)}">${file}${markdown(`${fence}${example.language}\n${example.source}\n${fence}`, options)}<figcaption>${caption}</figcaption></figure>`);
  }
  if (block.analogy) parts.push(section('analogy', blockPartLabel('analogy'), markdown(block.analogy.markdown, options)));
  if (block.practice) {
    const solution = block.practice.solution
      ? `<details class="solution"><summary>Reveal solution</summary>${markdown(block.practice.solution.markdown, options)}</details>`
      : '';
    parts.push(section('practice', blockPartLabel('practice'), markdown(block.practice.prompt.markdown, options) + solution));
  }
  if (block.reflection) parts.push(section('reflection', blockPartLabel('reflection'), markdown(block.reflection.markdown, options)));
  return parts.join('\n');
}

function choiceList(name: string, kind: 'radio' | 'checkbox', choices: { id: string; text: string }[]): string {
  return `<ul class="choices">${choices
    .map(
      (choice) =>
        `<li><label><input type="${kind}" name="${escapeHtml(name)}" value="${escapeHtml(choice.id)}"> <span>${escapeHtml(choice.text)}</span></label></li>`,
    )
    .join('')}</ul>`;
}

function select(name: string, label: string, options: { id: string; text: string }[]): string {
  return `<label class="pick"><span>${label}</span><select name="${escapeHtml(name)}"><option value="">Choose…</option>${options
    .map((option) => `<option value="${escapeHtml(option.id)}">${escapeHtml(option.text)}</option>`)
    .join('')}</select></label>`;
}

/** The form controls of one question, by type. */
function answerControls(question: Question): string {
  const name = `q-${question.id}`;
  switch (question.type) {
    case 'single':
      return choiceList(name, 'radio', question.answer.choices);
    case 'multiple':
      return `<p class="hint">Select every answer that applies.</p>${choiceList(name, 'checkbox', question.answer.choices)}`;
    case 'ordering': {
      const items = question.answer.items;
      return `<p class="hint">Pick the item for each position, first to last.</p><div class="picks">${items.map((_, index) => select(`${name}-${index}`, `Position ${index + 1}`, items)).join('')}</div>`;
    }
    case 'matching': {
      const answer = question.answer;
      return `<div class="picks">${answer.sources.map((source) => select(`${name}-${source.id}`, escapeHtml(source.text), answer.targets)).join('')}</div>`;
    }
    case 'numeric': {
      const unit = question.answer.unit;
      return `<label class="pick numeric"><span>Your answer</span><input type="text" inputmode="decimal" autocomplete="off" name="${escapeHtml(name)}">${unit ? ` <span class="unit">${escapeHtml(unit)}</span>` : ''}</label>`;
    }
    case 'sequence': {
      const answer = question.answer;
      const states = answer.states.map((state) => ({ id: state, text: state }));
      const config = answer.config
        ? `<p class="hint">Settings: ${Object.entries(answer.config)
            .map(([key, value]) => `<code>${escapeHtml(key)}: ${escapeHtml(String(value))}</code>`)
            .join(', ')}</p>`
        : '';
      return `<p class="hint">Initial state: <strong>${escapeHtml(answer.initial)}</strong>. Pick the state after each step.</p>${config}<ol class="picks steps">${answer.steps
        .map((step, index) => `<li>${select(`${name}-${index}`, escapeHtml(step.event), states)}</li>`)
        .join('')}</ol>`;
    }
  }
}

/** The model answer of a question, shown once the assessment allows it (it travels sealed, in the key). */
function feedbackHtml(question: Question, options: PlayerHtmlOptions): string {
  const insights = question.insights.length > 0 ? `<h4>Key insights</h4><ul>${question.insights.map((text) => `<li>${escapeHtml(text)}</li>`).join('')}</ul>` : '';
  const implications = question.implications.length > 0 ? `<h4>In production</h4><ul>${question.implications.map((text) => `<li>${escapeHtml(text)}</li>`).join('')}</ul>` : '';
  return `<h3>Model answer</h3>${markdown(question.model_answer.markdown, options)}${insights}${implications}`;
}

function questionHtml(question: Question, index: number, options: PlayerHtmlOptions): string {
  return `<fieldset class="question" data-question="${escapeHtml(question.id)}" id="question-${escapeHtml(question.id)}">
<legend>Question <span class="qnum">${index + 1}</span>: ${escapeHtml(question.title)}</legend>
<div class="prompt">${markdown(question.prompt.markdown, options)}</div>
${answerControls(question)}
<p class="verdict" role="status"></p>
<div class="feedback" hidden></div>
</fieldset>`;
}

/** The pages of a module's player, in order: overview, each focus block, the challenge, the wrap-up, the glossary, the quiz. */
export function playerPages(module: PatternModule): PlayerPage[] {
  const pages: PlayerPage[] = [{ id: 'intro', title: 'Overview' }];
  for (const block of module.blocks) pages.push({ id: `b-${block.id}`, title: block.title });
  if (module.challenge) pages.push({ id: 'challenge', title: module.challenge.title });
  if (module.case_studies.length > 0 || module.mistakes || module.checklist) pages.push({ id: 'wrap-up', title: 'Case studies and checklist' });
  // Reference matter, as a book's glossary follows its chapters; the quiz stays the last page.
  if (hasGlossary(module)) pages.push({ ...glossaryPage });
  if (module.exam && module.exam.questions.length > 0) pages.push({ id: 'quiz', title: 'Quiz' });
  return pages;
}

function shapeOf(question: Question): QuestionShape {
  const ids = (list: { id: string }[]) => list.map((entry) => entry.id);
  switch (question.type) {
    case 'single':
    case 'multiple':
      return { choices: ids(question.answer.choices) };
    case 'ordering':
      return { items: ids(question.answer.items) };
    case 'matching':
      return { sources: ids(question.answer.sources), targets: ids(question.answer.targets) };
    case 'sequence':
      return { states: question.answer.states, stepCount: question.answer.steps.length };
    case 'numeric':
      return {};
  }
}

/** The module's assessment settings, defaults filled in. */
export function playerAssessment(module: PatternModule): PlayerAssessment {
  const settings = module.exam?.assessment;
  return {
    attempts: settings?.attempts ?? null,
    showAnswers: settings?.show_answers ?? 'final',
    result: settings?.result ?? 'best',
    shuffle: settings?.shuffle ?? false,
    linear: settings?.linear ?? false,
  };
}

export function playerData(module: PatternModule, version: ScormVersion, options?: PlayerHtmlOptions): PlayerData {
  const questions = module.exam?.questions ?? [];
  return {
    slug: module.slug,
    title: module.title,
    version,
    passMark: module.exam && questions.length > 0 ? module.exam.pass_mark : null,
    assessment: playerAssessment(module),
    outcomes: module.outcomes.map((outcome) => ({ id: outcome.id, text: outcome.text })),
    pages: playerPages(module),
    questions: questions.map((question) => ({
      id: question.id,
      type: question.type,
      title: question.title,
      points: question.points ?? 1,
      outcomes: question.outcomes,
      shape: shapeOf(question),
    })),
    strings: stringsFor(moduleLanguage),
    key: sealAnswerKey(
      questions.map((question) => ({ answer: question.answer, feedback: options ? feedbackHtml(question, options) : '' })),
      `${module.slug}|${version}`,
    ),
  };
}

function pageBody(module: PatternModule, page: PlayerPage, options: PlayerHtmlOptions): string {
  if (page.id === 'intro') {
    const outcomes = module.outcomes.map((outcome) => `<li>${escapeHtml(outcome.text)}</li>`).join('');
    const prerequisites = module.prerequisites.length > 0 ? `<p><strong>Before you start:</strong> ${module.prerequisites.map(escapeHtml).join(', ')}.</p>` : '';
    const outline = module.blocks.map((block) => `<li>${escapeHtml(block.title)} <span class="minutes">(${block.minutes} min)</span></li>`).join('');
    return `<p class="tagline">${escapeHtml(module.tagline)}</p>
<p class="facts">${module.duration} minutes · ${escapeHtml(module.difficulty)} · version ${escapeHtml(module.version)}</p>
${prerequisites}<h3>You will be able to</h3><ul>${outcomes}</ul><h3>Outline</h3><ol>${outline}</ol>
${module.exam && module.exam.questions.length > 0 ? `<p>The quiz at the end has ${module.exam.questions.length} questions; you pass with ${module.exam.pass_mark}% or more.</p>` : ''}`;
  }
  if (page.id.startsWith('b-')) {
    const block = module.blocks.find((candidate) => `b-${candidate.id}` === page.id)!;
    return `<p class="minutes">${block.minutes} minutes</p>${blockHtml(block, options)}`;
  }
  if (page.id === 'challenge') {
    const challenge = module.challenge!;
    const solution = challenge.solution
      ? `<details class="solution"><summary>Reveal a model solution</summary>${markdown(challenge.solution.markdown, options)}</details>`
      : '';
    return `<p class="minutes">${challenge.minutes} minutes · integration challenge</p>${markdown(challenge.prompt.markdown, options)}${solution}`;
  }
  if (page.id === glossaryPage.id) {
    // Definitions are short and stand alone: rendered without term links (a definition linking to itself would only loop).
    return glossaryPageBody(options.glossary ?? [], module, options.moduleTitle ?? (() => undefined), (source) => markdown(source, { ...options, glossary: undefined, markdownCache: undefined }));
  }
  if (page.id === 'wrap-up') {
    const cases = module.case_studies.map((study) => section('case', study.title, markdown(study.markdown, options))).join('');
    const mistakes = module.mistakes ? section('mistakes', 'Common mistakes', markdown(module.mistakes.markdown, options)) : '';
    const checklist = module.checklist ? section('checklist', 'Implementation checklist', markdown(module.checklist.markdown, options)) : '';
    const cited = (module.citations ?? []).flatMap((id) => options.library?.references.filter((reference) => reference.id === id) ?? []);
    const sources = cited.length > 0 ? section('sources', 'Sources', `<ul class="sources">${cited.map((reference) => `<li>${escapeHtml(fullCitation(reference))}</li>`).join('')}</ul>`) : '';
    return cases + mistakes + checklist + sources;
  }
  const questions = module.exam!.questions.map((question, index) => questionHtml(question, index, options)).join('\n');
  const { attempts, showAnswers } = playerAssessment(module);
  const allowed = attempts === null ? '' : ` You have ${attempts} attempt${attempts === 1 ? '' : 's'}.`;
  const shown = {
    final: attempts === null ? ' The model answers are shown once you pass.' : ' The model answers are shown once you pass or have used every attempt.',
    always: ' The model answers are shown after each submission.',
    never: '',
  }[showAnswers];
  return `<form class="quiz" novalidate>
<p>Answer every question, then submit. You pass with <span class="pass-mark">${module.exam!.pass_mark}</span>% or more.${allowed}${shown}</p>
${questions}
<p class="quiz-problem" role="alert"></p>
<div class="quiz-actions"><button type="submit" class="primary">Submit answers</button> <button type="button" class="retry" hidden>Try again</button></div>
<div class="quiz-result" role="status" tabindex="-1"></div>
</form>`;
}

/** JSON inside a script element: `<` escaped so content can never close the element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** The SCO page of a module: every page of the player in one self-contained HTML file. */
export function toPlayerHtml(module: PatternModule, options: PlayerHtmlOptions): string {
  const data = playerData(module, options.version, options);
  const reviewCopy =
    module.status === 'published' ? '' : `<p class="review-copy"><strong>Review copy</strong> (status: ${escapeHtml(module.status)}): not yet published.</p>`;
  const nav = data.pages
    .map((page, index) => `<li><a href="#page-${page.id}" data-goto="${page.id}"><span class="num">${index + 1}</span> ${escapeHtml(page.title)}</a></li>`)
    .join('');
  const pages = data.pages
    .map((page) => `<section class="page" id="page-${page.id}" data-page="${page.id}" aria-labelledby="title-${page.id}">
<h2 id="title-${page.id}" tabindex="-1">${escapeHtml(page.title)}</h2>
${pageBody(module, page, options)}
</section>`)
    .join('\n');
  return numberTables(`<!doctype html>
<html lang="${moduleLanguage}" data-scorm="${options.version}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(module.title)}</title>
<link rel="stylesheet" href="${options.playerBase}player.css">
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="top">
<h1>${escapeHtml(module.title)}</h1>
${reviewCopy}
<p class="mode" id="pp-mode" role="status"></p>
<p class="resume" id="pp-resume" role="status" hidden></p>
</header>
<div class="layout">
<nav class="toc" aria-label="Pages"><ol>${nav}</ol></nav>
<main id="main" tabindex="-1">
${pages}
</main>
</div>
<footer class="controls">
<button type="button" id="pp-prev">Previous</button>
<span id="pp-progress" aria-live="polite"></span>
<button type="button" id="pp-next" class="primary">Next</button>
<button type="button" id="pp-exit">Save and exit</button>
</footer>
<script type="application/json" id="pp-data">${scriptJson(data)}</script>
<script src="${options.playerBase}player.js"></script>
${data.pages.some((page) => page.id === glossaryPage.id) ? `<script src="${options.playerBase}glossary.js"></script>\n` : ''}</body>
</html>
`);
}

/** Each scrollable table region gets its own name (Table 1, Table 2, ...): landmarks of one page must differ. */
function numberTables(html: string): string {
  let count = 0;
  return html.replace(/role="region" aria-label="Table"/g, () => `role="region" aria-label="Table ${++count}"`);
}
