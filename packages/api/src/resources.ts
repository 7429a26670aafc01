import { isBuilt, isReviewCopy, learnerModule, topologicalOrder, type Audience, type Publication } from '@pattern-press/format';
import type { ApiAnswers, ApiCategories, ApiExam, ApiGlossary, ApiGraph, ApiIndex, ApiInstructorModule, ApiModule, PatternModule } from '@pattern-press/schema';
import { answerQuestion, examQuestion } from './exam.js';
import { apiHrefs } from './hrefs.js';
import { moduleHtml, type HtmlContext } from './html.js';

/** What the index lists of a module's download. */
export type DownloadLink = ApiIndex['modules'][number]['downloads'][number];

/** The header every per-module resource starts with; a review copy says so in words. */
function moduleHeader(module: PatternModule): Pick<ApiModule, 'slug' | 'title' | 'status' | 'review_copy' | 'notice'> {
  const header: { slug: string; title: string; status: PatternModule['status']; review_copy: boolean; notice?: string } = {
    slug: module.slug,
    title: module.title,
    status: module.status,
    review_copy: isReviewCopy(module),
  };
  if (header.review_copy) header.notice = `Review copy (status: ${module.status}): not yet published.`;
  return header;
}

function moduleLinks(module: PatternModule, audience: Audience): ApiIndex['modules'][number]['links'] {
  const links: ApiIndex['modules'][number]['links'] = {};
  if (!isBuilt(module)) return links;
  links.module = apiHrefs.module(module.slug);
  if (module.exam) {
    links.exam = apiHrefs.exam(module.slug);
    if (audience === 'instructor') links.answers = apiHrefs.answers(module.slug);
  }
  return links;
}

export function indexDocument(publication: Publication, downloads: ReadonlyMap<string, DownloadLink[]>, withSchedule: boolean, audience: Audience): ApiIndex {
  // Key order is byte order in index.json: schedule sits between glossary and search_index.
  const links: ApiIndex['links'] = { self: apiHrefs.index, categories: apiHrefs.categories, graph: apiHrefs.graph, glossary: apiHrefs.glossary } as ApiIndex['links'];
  if (withSchedule) links.schedule = apiHrefs.schedule;
  Object.assign(links, { search_index: apiHrefs.searchIndex, downloads: apiHrefs.downloads, openapi: apiHrefs.openapi });
  return {
    api_version: 'v1',
    modules: publication.modules.map((module) => ({
      slug: module.slug,
      title: module.title,
      tagline: module.tagline,
      category: module.category,
      priority: module.priority,
      complexity: module.complexity,
      difficulty: module.difficulty,
      minutes: module.duration,
      status: module.status,
      built: isBuilt(module),
      review_copy: isReviewCopy(module),
      depends_on: [...module.depends_on],
      related: [...module.related],
      links: moduleLinks(module, audience),
      downloads: downloads.get(module.slug) ?? [],
    })),
    audience,
    links,
  };
}

/** modules/<slug>.json: the learner view of the canonical module (instructors: all of it) and its content as HTML. */
export function moduleDocument(module: PatternModule, context: HtmlContext, audience: Audience): ApiModule | ApiInstructorModule {
  const links: ApiInstructorModule['links'] = { self: apiHrefs.module(module.slug), index: apiHrefs.index };
  if (module.exam) {
    links.exam = apiHrefs.exam(module.slug);
    if (audience === 'instructor') links.answers = apiHrefs.answers(module.slug);
  }
  return { ...moduleHeader(module), module: audience === 'instructor' ? module : learnerModule(module), html: moduleHtml(module, context), links };
}

export function examDocument(module: PatternModule & { exam: NonNullable<PatternModule['exam']> }, context: HtmlContext, audience: Audience): ApiExam {
  const links: ApiExam['links'] = { self: apiHrefs.exam(module.slug), module: apiHrefs.module(module.slug) };
  if (audience === 'instructor') links.answers = apiHrefs.answers(module.slug);
  return {
    ...moduleHeader(module),
    pass_mark: module.exam.pass_mark,
    questions: module.exam.questions.map((question) => examQuestion(module, context, question)),
    links,
  };
}

export function answersDocument(module: PatternModule & { exam: NonNullable<PatternModule['exam']> }, context: HtmlContext): ApiAnswers {
  return {
    ...moduleHeader(module),
    pass_mark: module.exam.pass_mark,
    questions: module.exam.questions.map((question) => answerQuestion(module, context, question)),
    links: { self: apiHrefs.answers(module.slug), module: apiHrefs.module(module.slug), exam: apiHrefs.exam(module.slug) },
  };
}

export function categoriesDocument(publication: Publication): ApiCategories {
  return {
    categories: publication.catalog.categories.map((category) => {
      const entry: ApiCategories['categories'][number] = { id: category.id, title: category.title, modules: [] };
      if (category.description !== undefined) entry.description = category.description;
      entry.modules = publication.modules.filter((module) => module.category === category.id).map((module) => module.slug);
      return entry;
    }),
  };
}

/**
 * glossary.json: every term some module defines, in alphabetical order, with
 * the module that teaches it and the modules that use it.
 */
export function glossaryDocument(publication: Publication): ApiGlossary {
  const usedBy = new Map<string, string[]>();
  for (const module of publication.modules) {
    for (const id of module.terms ?? []) usedBy.set(id, [...(usedBy.get(id) ?? []), module.slug]);
  }
  const terms = publication.modules.flatMap((module) =>
    (module.glossary ?? []).map((entry) => ({
      id: entry.id,
      term: entry.term,
      aliases: [...(entry.aliases ?? [])],
      definition: entry.definition,
      module: module.slug,
      used_by: usedBy.get(entry.id) ?? [],
      // Only built modules have a modules/{slug}.json to link to.
      links: isBuilt(module) ? { module: apiHrefs.module(module.slug) } : {},
    })),
  );
  // Sorted by the term as people read it; the id breaks ties so the bytes never depend on module order.
  terms.sort((a, b) => a.term.localeCompare(b.term, 'en', { sensitivity: 'base' }) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { terms, links: { self: apiHrefs.glossary, index: apiHrefs.index } };
}

export function graphDocument(publication: Publication): ApiGraph {
  const slugs = publication.modules.map((module) => module.slug);
  const bySlug = new Map(publication.modules.map((module) => [module.slug, module]));
  const order = topologicalOrder(slugs, (slug) => bySlug.get(slug)?.depends_on ?? []);
  // The checks reject dependency cycles, so a publication never has one.
  if (!order) throw new Error('the publication has a dependency cycle: run the checks first');
  return {
    nodes: publication.modules.map((module) => ({
      slug: module.slug,
      title: module.title,
      category: module.category,
      priority: module.priority,
      status: module.status,
      built: isBuilt(module),
    })),
    edges: publication.modules.flatMap((module): ApiGraph['edges'] => [
      ...module.depends_on.map((to) => ({ from: module.slug, to, kind: 'depends_on' as const })),
      ...module.related.map((to) => ({ from: module.slug, to, kind: 'related' as const })),
    ]),
    order,
  };
}
