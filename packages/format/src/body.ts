import { citedIds } from './citations.js';
import { didYouMean, report, type Place } from '@pattern-press/diagnostics';
import type {
  Block,
  CaseStudy,
  Challenge,
  Checklist,
  CodeExample,
  Diagram,
  Link,
  ListSection,
  Part,
  Question,
} from '@pattern-press/schema';
import { createHash } from 'node:crypto';
import type { Code, Heading, List, Nodes, RootContent } from 'mdast';
import type { ContainerDirective } from 'mdast-util-directive';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { allDirectiveNames, blockParts, bodyDirectives, challengeParts, directiveAttributes, questionParts } from './directives.js';
import { placeOf, sliceSource } from './markdown.js';
import { joinPointer, type PointerMap } from './pointers.js';
import { linkUrlProblem } from './url-policy.js';
import { isPlainObject, parseYamlSource } from './yaml-source.js';

export interface Body {
  /** Pointers already reported on (see Context.handled). */
  handled: Set<string>;
  blocks: Block[];
  challenge?: Challenge;
  case_studies: CaseStudy[];
  mistakes?: ListSection;
  checklist?: Checklist;
  see_also?: Part;
  exam?: { questions: Question[]; minutes?: number; position?: Place };
  links: Link[];
  citations: string[];
}

interface Context {
  file: VFile;
  source: string;
  pointers: PointerMap;
  /** Pointers whose problems were reported here already; schema errors under them would only repeat them. */
  handled: Set<string>;
}

type Position = { line: number; column: number };

function position(node: Nodes): Position | undefined {
  return placeOf(node);
}

function register(ctx: Context, pointer: string, node: Nodes): void {
  const place = placeOf(node);
  if (place) ctx.pointers.set(pointer, { value: place });
}

function isDirective(node: Nodes): node is ContainerDirective {
  return node.type === 'containerDirective';
}

/** Children other than the `[label]` paragraph remark-directive adds. */
function contentOf(node: ContainerDirective): RootContent[] {
  return node.children.filter((child) => !(child.type === 'paragraph' && child.data?.directiveLabel)) as RootContent[];
}

function labelOf(node: ContainerDirective): string | undefined {
  const label = node.children.find((child) => child.type === 'paragraph' && child.data?.directiveLabel);
  return label ? toString(label) : undefined;
}

function part(ctx: Context, nodes: readonly RootContent[], at: Nodes): Part {
  const result: Part = { markdown: sliceSource(ctx.source, nodes) };
  const place = position(at);
  if (place) result.position = place;
  return result;
}

function checkAttributes(ctx: Context, node: ContainerDirective): void {
  const allowed = directiveAttributes[node.name] ?? [];
  for (const name of Object.keys(node.attributes ?? {})) {
    if (!allowed.includes(name)) {
      report(ctx.file, 'directive-attribute-unknown', `unknown attribute \`${name}\` on \`:::${node.name}\``, {
        place: placeOf(node),
        hint: didYouMean(name, allowed) ?? (allowed.length ? `allowed: ${allowed.join(', ')}` : `\`:::${node.name}\` takes no attributes`),
        expected: [...allowed],
      });
    }
  }
}

function reportMisplaced(ctx: Context, node: ContainerDirective, where: string, allowed: readonly string[]): void {
  const known = allDirectiveNames.includes(node.name);
  report(
    ctx.file,
    'directive-unknown',
    known ? `\`:::${node.name}\` cannot appear ${where}` : `unknown directive \`:::${node.name}\``,
    {
      place: placeOf(node),
      hint: known ? `here: ${allowed.map((a) => `:::${a}`).join(', ')}` : didYouMean(node.name, allDirectiveNames),
      expected: [...allowed],
    },
  );
}

/** A part's `minutes` attribute, when it has one, for the timing rule. */
function minutesOf(node: ContainerDirective): { minutes?: number } {
  const minutes = numberAttribute(node.attributes?.minutes);
  return minutes === undefined ? {} : ({ minutes } as { minutes: number });
}

/** The integer value of a numeric attribute; the raw text when it is not one, so the schema reports it. */
function numberAttribute(value: string | null | undefined): number | string | undefined {
  if (value === undefined || value === null) return undefined;
  return /^\s*-?\d+(\.\d+)?\s*$/.test(value) ? Number(value) : value;
}

function firstHeading(children: readonly RootContent[]): Heading | undefined {
  const first = children[0];
  return first?.type === 'heading' ? first : undefined;
}

/** A titled directive's title (its first heading, or its `[label]`) and the content after the heading. */
function titled(ctx: Context, node: ContainerDirective, what: string): { title: string | undefined; rest: RootContent[] } {
  const children = contentOf(node);
  const heading = firstHeading(children);
  const title = heading ? toString(heading) : labelOf(node);
  if (!title) report(ctx.file, 'block-missing-title', `${what} has no title: start it with a heading`, { place: placeOf(node) });
  return { title, rest: heading ? children.slice(1) : children };
}

function listItems(nodes: readonly RootContent[]): { text: string; checked: boolean | null | undefined }[] {
  return nodes
    .filter((node): node is List => node.type === 'list')
    .flatMap((list) => list.children.map((item) => ({ text: toString(item).trim(), checked: item.checked })));
}

function listSection(ctx: Context, node: ContainerDirective, pointer: string): ListSection {
  const children = contentOf(node);
  register(ctx, pointer, node);
  const section: ListSection = { markdown: sliceSource(ctx.source, children), items: listItems(children).map((item) => item.text) };
  const place = position(node);
  if (place) section.position = place;
  return section;
}

function diagramsIn(nodes: readonly RootContent[]): Diagram[] {
  const diagrams: Diagram[] = [];
  for (const node of nodes) {
    visit(node, 'code', (code: Code) => {
      if (code.lang !== 'mermaid') return;
      const source = code.value;
      const diagram: Diagram = {
        id: `d-${createHash('sha256').update(source).digest('hex').slice(0, 12)}`,
        kind: /^\s*(?:%%.*\n\s*)*([\w-]+)/.exec(source)?.[1] ?? 'unknown',
        source,
      };
      const place = placeOf(code);
      if (place) diagram.position = place;
      diagrams.push(diagram);
    });
  }
  return diagrams;
}

function codeExample(ctx: Context, node: ContainerDirective, pointer: string): CodeExample {
  register(ctx, pointer, node);
  const attributes = node.attributes ?? {};
  const children = contentOf(node);
  const fences = children.filter((child): child is Code => child.type === 'code');
  const hasMeta = (code: Code, word: string) => (code.meta ?? '').split(/\s+/).includes(word);
  const main = fences.filter((code) => !hasMeta(code, 'test') && !hasMeta(code, 'driver'));
  const tests = fences.filter((code) => hasMeta(code, 'test'));
  const drivers = fences.filter((code) => hasMeta(code, 'driver'));
  if (drivers.length > 1) {
    report(ctx.file, 'directive-duplicate', '`:::code` holds more than one `driver` fence', { place: placeOf(drivers[1]!) });
  }
  if (main.length > 1) {
    report(ctx.file, 'directive-duplicate', '`:::code` holds more than one code fence: use one `:::code` per example (tests carry the `test` meta)', {
      place: placeOf(main[1]!),
    });
  }
  const code = main[0];
  const example = {
    ...(attributes.id ? { id: attributes.id } : {}),
    ...(code?.lang ? { language: code.lang } : {}),
    runnable: attributes.runnable !== 'false',
    ...(code ? { source: code.value } : {}),
    tests: tests.map((test) => {
      const place = placeOf(test);
      return { language: test.lang ?? code?.lang ?? '', source: test.value, ...(place ? { position: place } : {}) };
    }),
  } as CodeExample;
  const driver = drivers[0];
  if (driver) {
    const place = placeOf(driver);
    example.driver = { language: driver.lang ?? code?.lang ?? '', source: driver.value, ...(place ? { position: place } : {}) };
  }
  if (attributes.file) example.file = attributes.file;
  const caption = sliceSource(ctx.source, children.filter((child) => child.type !== 'code'));
  if (caption) example.caption = caption;
  const place = placeOf(node);
  if (place) example.position = place;
  return example;
}

function readBlock(ctx: Context, node: ContainerDirective, pointer: string): Block {
  register(ctx, pointer, node);
  checkAttributes(ctx, node);
  const { title, rest } = titled(ctx, node, 'focus block');
  const block = {
    ...(node.attributes?.id ? { id: node.attributes.id } : {}),
    ...(title ? { title } : {}),
    ...(node.attributes?.minutes !== undefined ? { minutes: numberAttribute(node.attributes.minutes) } : {}),
    diagrams: diagramsIn(rest),
    code: [],
  } as unknown as Block;
  const loose: RootContent[] = [];
  const seen = new Map<string, ContainerDirective>();
  for (const child of rest) {
    if (!isDirective(child)) {
      if (child.type !== 'html') loose.push(child);
      continue;
    }
    if (!(blockParts as readonly string[]).includes(child.name)) {
      reportMisplaced(ctx, child, 'inside a focus block', blockParts);
      continue;
    }
    checkAttributes(ctx, child);
    if (child.name === 'code') {
      block.code.push(codeExample(ctx, child, joinPointer(pointer, 'code', block.code.length)));
      continue;
    }
    const earlier = seen.get(child.name);
    if (earlier) {
      report(ctx.file, 'directive-duplicate', `the block already has a \`:::${child.name}\``, {
        place: placeOf(child),
        cause: { path: ctx.file.path, place: placeOf(earlier), reason: 'the first one is here' },
      });
      continue;
    }
    seen.set(child.name, child);
    const content = contentOf(child);
    switch (child.name) {
      case 'hook':
      case 'concept':
      case 'analogy':
        register(ctx, joinPointer(pointer, child.name), child);
        block[child.name] = part(ctx, content, child);
        break;
      case 'slides': {
        register(ctx, joinPointer(pointer, 'slides'), child);
        const steps = child.attributes?.steps;
        block.slides = { ...part(ctx, content, child), ...(steps === undefined || steps === null ? {} : { steps: (steps === 'true' || steps === '') as boolean }) };
        break;
      }
      case 'practice':
        register(ctx, joinPointer(pointer, 'practice'), child);
        block.practice = { prompt: part(ctx, content, child), ...(block.practice?.solution ? { solution: block.practice.solution } : {}) };
        break;
      case 'solution':
        if (!block.practice) {
          report(ctx.file, 'directive-unknown', '`:::solution` must follow the `:::practice` it solves', { place: placeOf(child) });
          break;
        }
        block.practice.solution = part(ctx, content, child);
        break;
      case 'reflection':
        block.reflection = listSection(ctx, child, joinPointer(pointer, 'reflection'));
        break;
    }
  }
  if (loose.length > 0) block.summary = part(ctx, loose, loose[0]!);
  const place = placeOf(node);
  if (place) block.position = place;
  return block;
}

function readChallenge(ctx: Context, node: ContainerDirective): Challenge {
  register(ctx, '/challenge', node);
  checkAttributes(ctx, node);
  const { title, rest } = titled(ctx, node, 'integration challenge');
  const promptNodes: RootContent[] = [];
  let solution: Part | undefined;
  for (const child of rest) {
    if (isDirective(child)) {
      if (!(challengeParts as readonly string[]).includes(child.name)) reportMisplaced(ctx, child, 'inside the challenge', challengeParts);
      else solution = part(ctx, contentOf(child), child);
    } else if (child.type !== 'html') promptNodes.push(child);
  }
  const challenge = {
    ...(title ? { title } : {}),
    ...(node.attributes?.minutes !== undefined ? { minutes: numberAttribute(node.attributes.minutes) } : {}),
    prompt: part(ctx, promptNodes, node),
    diagrams: diagramsIn(rest),
  } as Challenge;
  if (solution) challenge.solution = solution;
  const place = placeOf(node);
  if (place) challenge.position = place;
  return challenge;
}

function readCaseStudy(ctx: Context, node: ContainerDirective, pointer: string): CaseStudy {
  register(ctx, pointer, node);
  checkAttributes(ctx, node);
  const { title, rest } = titled(ctx, node, 'case study');
  const study = { ...(title ? { title } : {}), markdown: sliceSource(ctx.source, rest), ...minutesOf(node) } as CaseStudy;
  const place = placeOf(node);
  if (place) study.position = place;
  return study;
}

function readChecklist(ctx: Context, node: ContainerDirective): Checklist {
  register(ctx, '/checklist', node);
  checkAttributes(ctx, node);
  const children = contentOf(node);
  const checklist: Checklist = {
    markdown: sliceSource(ctx.source, children),
    items: listItems(children).map((item) => ({ text: item.text, checked: item.checked === true })),
    ...minutesOf(node),
  } as Checklist;
  const place = placeOf(node);
  if (place) checklist.position = place;
  return checklist;
}

function splitList(value: string | null | undefined): string[] {
  return (value ?? '').split(/[\s,]+/).filter(Boolean);
}

function readQuestion(ctx: Context, node: ContainerDirective, pointer: string): Question {
  register(ctx, pointer, node);
  checkAttributes(ctx, node);
  const attributes = node.attributes ?? {};
  const { title, rest } = titled(ctx, node, 'question');
  const promptNodes: RootContent[] = [];
  let answer: unknown;
  let answerFence: Code | undefined;
  let modelAnswer: Part | undefined;
  let insights: string[] | undefined;
  let implications: string[] | undefined;
  for (const child of rest) {
    if (child.type === 'code' && child.lang === 'yaml' && (child.meta ?? '').split(/\s+/).includes('answer')) {
      if (answerFence) {
        report(ctx.file, 'answer-invalid', 'the question has more than one `yaml answer` fence', {
          place: placeOf(child),
          cause: { path: ctx.file.path, place: placeOf(answerFence), reason: 'the first one is here' },
        });
        continue;
      }
      answerFence = child;
      const origin = { line: (child.position?.start.line ?? 0) + 1, column: child.position?.start.column ?? 1 };
      const parsed = parseYamlSource(ctx.file, child.value, origin, joinPointer(pointer, 'answer'), ctx.pointers);
      if (parsed) {
        answer = parsed.value;
        if (!isPlainObject(answer)) report(ctx.file, 'answer-invalid', 'the answer must be a YAML mapping', { place: origin });
      }
      continue;
    }
    if (!isDirective(child)) {
      if (child.type !== 'html') promptNodes.push(child);
      continue;
    }
    if (!(questionParts as readonly string[]).includes(child.name)) {
      reportMisplaced(ctx, child, 'inside a question', questionParts);
      continue;
    }
    checkAttributes(ctx, child);
    const content = contentOf(child);
    if (child.name === 'model-answer') {
      register(ctx, joinPointer(pointer, 'model_answer'), child);
      modelAnswer = part(ctx, content, child);
    } else {
      register(ctx, joinPointer(pointer, child.name), child);
      const items = listItems(content).map((item) => item.text);
      if (child.name === 'insights') insights = items;
      else implications = items;
    }
  }
  if (!answerFence || !isPlainObject(answer)) ctx.handled.add(joinPointer(pointer, 'answer'));
  if (!answerFence) {
    report(ctx.file, 'answer-invalid', 'the question has no ```yaml answer fence', { place: placeOf(node) });
  }
  const question = {
    ...(attributes.id ? { id: attributes.id } : {}),
    ...(attributes.type ? { type: attributes.type } : {}),
    ...(title ? { title } : {}),
    outcomes: splitList(attributes.outcomes),
    prompt: part(ctx, promptNodes, node),
    answer: isPlainObject(answer) ? answer : {},
  } as unknown as Question;
  if (attributes.points !== undefined) question.points = numberAttribute(attributes.points) as number;
  if (modelAnswer) question.model_answer = modelAnswer;
  if (insights) question.insights = insights;
  if (implications) question.implications = implications;
  const place = placeOf(node);
  if (place) question.position = place;
  return question;
}

function readExam(ctx: Context, node: ContainerDirective): Body['exam'] {
  register(ctx, '/exam', node);
  checkAttributes(ctx, node);
  const questions: Question[] = [];
  for (const child of contentOf(node)) {
    if (isDirective(child) && child.name === 'question') {
      questions.push(readQuestion(ctx, child, joinPointer('/exam/questions', questions.length)));
    } else if (isDirective(child)) {
      reportMisplaced(ctx, child, 'inside the exam', ['question']);
    } else if (child.type !== 'html' && child.type !== 'heading') {
      report(ctx.file, 'content-outside-directive', 'content inside `:::::exam` but outside a question appears in no output', {
        severity: 'warning',
        place: placeOf(child),
      });
    }
  }
  const place = placeOf(node);
  return { questions, ...minutesOf(node), ...(place ? { position: place } : {}) };
}

const modulePattern = /^\.\.\/([a-z][a-z0-9]*(?:-[a-z0-9]+)*)\/(?:module\.md)?(?:#(.*))?$/;

function classifyLink(href: string): Pick<Link, 'kind' | 'module' | 'fragment'> {
  if (href.startsWith('#')) return { kind: 'anchor', fragment: href.slice(1) };
  const moduleMatch = modulePattern.exec(href);
  if (moduleMatch) return { kind: 'module', module: moduleMatch[1]!, ...(moduleMatch[2] ? { fragment: moduleMatch[2] } : {}) };
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) return { kind: 'external' };
  return { kind: 'asset' };
}

/** Links, images and [@citations] anywhere in the body; raw HTML and text directives are diagnostics. */
function scanInline(ctx: Context, nodes: readonly RootContent[], body: Body): void {
  const citations = new Set<string>();
  for (const node of nodes) {
    visit(node, (child) => {
      if (child.type === 'link' || child.type === 'image' || child.type === 'definition') {
        const link: Link = {
          href: child.url,
          text: child.type === 'image' ? (child.alt ?? '') : child.type === 'link' ? toString(child) : child.label ?? '',
          ...classifyLink(child.url),
        };
        if (child.type === 'image') link.image = true;
        const place = placeOf(child);
        const unsafe = linkUrlProblem(child.url);
        if (unsafe) {
          report(ctx.file, 'link-unsafe', `${unsafe}: \`${child.url.length > 60 ? `${child.url.slice(0, 60)}…` : child.url}\``, {
            place,
            hint: 'link an https:// page, or a file beside module.md by its relative path',
          });
        }
        if (place) link.position = place;
        ctx.pointers.set(joinPointer('/links', body.links.length), { value: place ?? { line: 1, column: 1 } });
        body.links.push(link);
      } else if (child.type === 'text') {
        for (const key of citedIds(child.value)) {
          if (!citations.has(key)) {
            const place = placeOf(child);
            if (place) ctx.pointers.set(joinPointer('/citations', citations.size), { value: place });
            citations.add(key);
          }
        }
      } else if (child.type === 'html' && !/^\s*(?:<!--(?:(?!-->)[\s\S])*-->\s*)+$/.test(child.value)) {
        report(ctx.file, 'raw-html', 'raw HTML is not allowed in modules', { place: placeOf(child), hint: 'write it in Markdown' });
      }
    });
  }
  body.citations = [...citations];
}

/** Reads the structure of a module body (everything after the front matter). */
export function readBody(file: VFile, source: string, nodes: readonly RootContent[], pointers: PointerMap): Body {
  const ctx: Context = { file, source, pointers, handled: new Set() };
  const body: Body = { handled: ctx.handled, blocks: [], case_studies: [], links: [], citations: [] };
  let sawTitle = false;
  const singles = new Map<string, ContainerDirective>();
  for (const node of nodes) {
    if (node.type === 'heading' && node.depth === 1 && !sawTitle) {
      sawTitle = true;
      continue;
    }
    if (node.type === 'html' || node.type === 'definition') continue;
    if (!isDirective(node)) {
      report(file, 'content-outside-directive', 'this content is outside any directive and appears in no output', {
        severity: 'warning',
        place: placeOf(node),
        hint: 'move it into a part such as `:::concept` or `:::case-study`',
      });
      continue;
    }
    if (!(bodyDirectives as readonly string[]).includes(node.name)) {
      reportMisplaced(ctx, node, 'at the top level of a module', bodyDirectives);
      continue;
    }
    if (node.name !== 'block' && node.name !== 'case-study') {
      const earlier = singles.get(node.name);
      if (earlier) {
        report(file, 'directive-duplicate', `the module already has a \`:::${node.name}\``, {
          place: placeOf(node),
          cause: { path: file.path, place: placeOf(earlier), reason: 'the first one is here' },
        });
        continue;
      }
      singles.set(node.name, node);
    }
    switch (node.name) {
      case 'block':
        body.blocks.push(readBlock(ctx, node, joinPointer('/blocks', body.blocks.length)));
        break;
      case 'challenge':
        body.challenge = readChallenge(ctx, node);
        break;
      case 'case-study':
        body.case_studies.push(readCaseStudy(ctx, node, joinPointer('/case_studies', body.case_studies.length)));
        break;
      case 'mistakes':
        checkAttributes(ctx, node);
        body.mistakes = { ...listSection(ctx, node, '/mistakes'), ...minutesOf(node) } as ListSection;
        break;
      case 'checklist':
        body.checklist = readChecklist(ctx, node);
        break;
      case 'see-also': {
        checkAttributes(ctx, node);
        register(ctx, '/see_also', node);
        body.see_also = part(ctx, contentOf(node), node);
        break;
      }
      case 'exam': {
        const exam = readExam(ctx, node);
        if (exam) body.exam = exam;
        else delete body.exam;
        break;
      }
    }
  }
  scanInline(ctx, nodes, body);
  return body;
}
