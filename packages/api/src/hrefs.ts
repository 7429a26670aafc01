/** Where dist/api/ is served: press serve serves dist/ at the root. */
export const apiRoot = '/api/v1';

export const apiHrefs = {
  index: `${apiRoot}/index.json`,
  categories: `${apiRoot}/categories.json`,
  graph: `${apiRoot}/graph.json`,
  glossary: `${apiRoot}/glossary.json`,
  schedule: `${apiRoot}/schedule.json`,
  searchIndex: `${apiRoot}/search-index.json`,
  downloads: `${apiRoot}/downloads.json`,
  openapi: `${apiRoot}/openapi.json`,
  module: (slug: string) => `${apiRoot}/modules/${slug}.json`,
  exam: (slug: string) => `${apiRoot}/modules/${slug}/exam.json`,
  answers: (slug: string) => `${apiRoot}/modules/${slug}/answers.json`,
  asset: (slug: string, file: string) => `${apiRoot}/assets/${slug}/${file}`,
} as const;
