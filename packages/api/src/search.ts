import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { blockTextParts, isBuilt, type Publication } from '@pattern-press/format';
import type { PatternModule } from '@pattern-press/schema';
import MiniSearch from 'minisearch';
import { apiHrefs } from './hrefs.js';

export interface SearchDocument {
  id: string;
  kind: 'module' | 'block';
  slug: string;
  title: string;
  tagline: string;
  text: string;
  module_title?: string;
  status: PatternModule['status'];
  href: string;
}

/** What a client needs to load the index: MiniSearch.loadJS(index, options). */
export const searchOptions = {
  idField: 'id',
  fields: ['title', 'tagline', 'text'],
  storeFields: ['kind', 'slug', 'title', 'module_title', 'status', 'href'],
  searchOptions: { boost: { title: 3, tagline: 2 }, prefix: true, fuzzy: 0.2 },
};

/** Markdown as words for the index: no diagram sources, link targets or markup. */
export function searchableText(markdown: string): string {
  return markdown
    .replace(/^(`{3,}|~{3,})\s*mermaid[^\n]*\n[\s\S]*?^\1\s*$/gm, ' ')
    .replace(/\]\([^)]*\)/g, '] ')
    .replace(/[`*_#>[\]|~]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function moduleText(module: PatternModule): string {
  const pieces = [
    module.category,
    ...module.prerequisites,
    ...module.real_examples,
    ...module.outcomes.map((outcome) => outcome.text),
    ...module.research.analysis.problem_solved,
    ...module.research.analysis.key_mechanics,
  ];
  if (isBuilt(module)) {
    pieces.push(...module.case_studies.flatMap((study) => [study.title, study.markdown]));
    if (module.challenge) pieces.push(module.challenge.title, module.challenge.prompt.markdown);
    if (module.mistakes) pieces.push(module.mistakes.markdown);
  }
  return searchableText(pieces.join('\n\n'));
}

function blockText(block: PatternModule['blocks'][number]): string {
  // The practice's solution is an answer: learners do not find it by searching.
  const parts = blockTextParts(block).filter((part) => part.name !== 'solution');
  return searchableText([...parts.map((part) => part.markdown), ...block.code.map((example) => example.caption ?? '')].join('\n\n'));
}

/** One document per module (every status) and one per focus block of a built module. */
export function searchDocuments(publication: Publication): SearchDocument[] {
  return publication.modules.flatMap((module) => {
    const built = isBuilt(module);
    const href = built ? apiHrefs.module(module.slug) : apiHrefs.index;
    const moduleDocument: SearchDocument = {
      id: module.slug,
      kind: 'module',
      slug: module.slug,
      title: module.title,
      tagline: module.tagline,
      text: moduleText(module),
      status: module.status,
      href,
    };
    if (!built) return [moduleDocument];
    return [
      moduleDocument,
      ...module.blocks.map((block): SearchDocument => ({
        id: `${module.slug}#${block.id}`,
        kind: 'block',
        slug: module.slug,
        title: block.title,
        tagline: module.tagline,
        text: blockText(block),
        module_title: module.title,
        status: module.status,
        href: `${href}#${block.id}`,
      })),
    ];
  });
}

function miniSearchVersion(): string {
  // minisearch does not export its package.json; it sits two folders above the CommonJS entry.
  const entry = createRequire(import.meta.url).resolve('minisearch');
  const manifest = JSON.parse(readFileSync(path.join(path.dirname(entry), '..', '..', 'package.json'), 'utf8')) as { version: string };
  return manifest.version;
}

/** The search-index.json response: the serialised index plus the options to load and query it. */
export function searchIndexDocument(publication: Publication) {
  const documents = searchDocuments(publication);
  const miniSearch = new MiniSearch<SearchDocument>(searchOptions);
  miniSearch.addAll(documents);
  return {
    library: { name: 'minisearch', version: miniSearchVersion() },
    options: searchOptions,
    documents: documents.length,
    index: JSON.parse(JSON.stringify(miniSearch)) as Record<string, unknown>,
  };
}
