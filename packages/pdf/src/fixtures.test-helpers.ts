// Test helpers (not compiled into the package): the repository's content as the pdf tests read it.
import { fileURLToPath } from 'node:url';
import { checkCollection } from '@pattern-press/checks';
import { loadCollection, restrictBuilt, toPublication, type Collection, type Publication } from '@pattern-press/format';
import type { PatternModule } from '@pattern-press/schema';

export const modulesRoot = fileURLToPath(new URL('../../../modules', import.meta.url));

/** The repository's collection, checked, published with circuit-breaker as the one built module: the tests must not grow with the content. */
export async function circuitBreakerPublication(): Promise<{ collection: Collection; publication: Publication; circuitBreaker: PatternModule }> {
  const collection = await loadCollection(modulesRoot);
  checkCollection(collection);
  const publication = restrictBuilt(toPublication(collection), ['circuit-breaker']);
  return { collection, publication, circuitBreaker: publication.modules.find((module) => module.slug === 'circuit-breaker')! };
}
