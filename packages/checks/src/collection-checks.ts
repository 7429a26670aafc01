import { didYouMean, report, type Place } from '@pattern-press/diagnostics';
import { cycleEdges, dependencyCycles, isInvalidAt, type Collection, type ParsedModule } from '@pattern-press/format';
import { readable, readableModules, type ReadableModule } from './readable.js';
import path from 'node:path';

/**
 * Checks that need more than one file: catalog ↔ folders, dependencies and
 * their cycles, timing, outcome coverage, people and references. Messages go
 * on the file where the author has to make the fix.
 */
export function checkCollection(collection: Collection): void {
  const modules = readableModules(collection);
  checkCatalogFolders(collection);
  checkDuplicateSlugs(modules);
  checkDependencies(collection, modules);
  checkGlossary(modules);
  for (const module of modules) {
    checkMinutes(module);
    checkOutcomes(module);
    checkPeople(collection, module);
    checkReferences(collection, module);
    checkVerifyTargets(module);
  }
}

/** The checks that need no catalog, for a module file outside any collection. */
export function checkStandaloneModule(parsed: ParsedModule): void {
  const module = readable(parsed);
  if (!module) return;
  checkMinutes(module);
  checkOutcomes(module);
  checkVerifyTargets(module);
}

/**
 * Folders without an entry and entries without a folder. Runs whenever the
 * catalog's pattern list could be read, even with errors elsewhere in the
 * catalog: an entry with an error still counts as the module's entry (the
 * error is reported once, at that entry).
 */
function checkCatalogFolders(collection: Collection): void {
  const { catalog } = collection;
  if (!catalog.patternsRead) return;
  const folders = new Set(collection.folders);
  for (const [slug, entry] of catalog.entries) {
    if (!folders.has(slug)) {
      // A warning: an entry without a folder is a module not started yet, planned by the timeline at research.
      report(catalog.file, 'catalog-missing-folder', `catalog entry \`${slug}\` has no folder \`${slug}/module.md\` (planned as a module at research)`, {
        severity: 'warning',
        place: entry.places.slug ?? entry.places.entry,
        hint: `create it with \`press new ${slug}\``,
      });
    }
  }
  for (const module of collection.modules) {
    const folder = path.basename(path.dirname(module.file.path));
    if (!catalog.listed.has(folder)) {
      report(module.file, 'catalog-missing-entry', `module \`${folder}\` has no entry in ${path.basename(catalog.file.path)}`, {
        place: module.pointers.get('/slug')?.value ?? { line: 1, column: 1 },
        hint: didYouMean(folder, catalog.entries.keys()),
      });
    }
  }
}

/** Where each glossary term is defined: its module and its index in that module's glossary. */
function glossaryDefinitions(modules: ReadableModule[]): Map<string, { module: ReadableModule; index: number }> {
  const defined = new Map<string, { module: ReadableModule; index: number }>();
  for (const module of modules) {
    (module.document.glossary ?? []).forEach((entry, index) => {
      if (!defined.has(entry.id)) defined.set(entry.id, { module, index });
    });
  }
  return defined;
}

/** Each term is defined once across the collection; a term a module uses but nobody defines is a warning. */
function checkGlossary(modules: ReadableModule[]): void {
  const defined = glossaryDefinitions(modules);
  for (const module of modules) {
    (module.document.glossary ?? []).forEach((entry, index) => {
      const first = defined.get(entry.id)!;
      if (first.module === module && first.index === index) return;
      report(module.parsed.file, 'duplicate-id', `glossary term \`${entry.id}\` is already defined`, {
        place: module.at(`/glossary/${index}`),
        cause: { path: first.module.parsed.file.path, place: first.module.at(`/glossary/${first.index}`), reason: 'first defined here' },
      });
    });
    (module.document.terms ?? []).forEach((id, index) => {
      if (defined.has(id)) return;
      report(module.parsed.file, 'term-undefined', `term \`${id}\` is used but no module's glossary defines it`, {
        place: module.at(`/terms/${index}`),
        severity: 'warning',
        hint: didYouMean(id, [...defined.keys()]) ?? 'define it in the glossary of the module that teaches it',
      });
    });
  }
}

function checkDuplicateSlugs(modules: ReadableModule[]): void {
  const first = new Map<string, ReadableModule>();
  for (const module of modules) {
    const earlier = first.get(module.document.slug);
    if (!earlier) {
      first.set(module.document.slug, module);
      continue;
    }
    report(module.parsed.file, 'duplicate-id', `slug \`${module.document.slug}\` is already used by another module`, {
      place: module.at('/slug'),
      cause: { path: earlier.parsed.file.path, place: earlier.at('/slug'), reason: 'first used here' },
    });
  }
}

/** Every edge says why it exists, and every reason belongs to an edge. */
function checkEdgeReasons(
  catalog: Collection['catalog'],
  slug: string,
  entry: { index: number; value: { depends_on: string[]; depends_on_reasons?: Record<string, string> } },
  known: (slug: string) => boolean,
  edgePlace: (from: string, to: string) => Place | undefined,
): void {
  const reasons = entry.value.depends_on_reasons ?? {};
  for (const dependency of entry.value.depends_on) {
    // An unknown module already has its error; a reason would not fix it.
    if (Object.hasOwn(reasons, dependency) || !known(dependency)) continue;
    report(catalog.file, 'dependency-unexplained', `\`${slug}\` depends on \`${dependency}\` without a reason`, {
      place: edgePlace(slug, dependency),
      severity: 'warning',
      hint: `say in depends_on_reasons what of \`${dependency}\` this module requires`,
    });
  }
  for (const named of Object.keys(reasons)) {
    if (entry.value.depends_on.includes(named)) continue;
    report(catalog.file, 'dependency-unexplained', `\`${slug}\` gives a reason for depending on \`${named}\`, which is not in its depends_on`, {
      place: catalog.pointers.lookup(`/patterns/${entry.index}/depends_on_reasons/${named}`)?.key ?? catalog.pointers.lookup(`/patterns/${entry.index}/depends_on_reasons`)?.value,
      hint: 'add the edge or remove the reason',
    });
  }
}

function checkDependencies(collection: Collection, modules: ReadableModule[]): void {
  const { catalog } = collection;
  if (!catalog.patternsRead) return;
  const slugs = [...catalog.entries.keys()];
  // A slug with a broken entry is still in the catalog: its error is at the entry, not at every mention of it.
  const known = (slug: string) => catalog.listed.has(slug);
  const edgePlace = (from: string, to: string): Place | undefined => {
    const entry = catalog.entries.get(from);
    const index = entry?.value.depends_on.indexOf(to) ?? -1;
    return entry && index >= 0 ? catalog.pointers.lookup(`/patterns/${entry.index}/depends_on/${index}`)?.value : undefined;
  };
  for (const [slug, entry] of catalog.entries) {
    for (const dependency of entry.value.depends_on) {
      if (!known(dependency)) {
        report(catalog.file, 'unknown-module', `\`${slug}\` depends on \`${dependency}\`, which is not in the catalog`, {
          place: edgePlace(slug, dependency),
          hint: didYouMean(dependency, slugs),
        });
      }
    }
  }
  for (const [slug, entry] of catalog.entries) checkEdgeReasons(catalog, slug, entry, known, edgePlace);
  for (const cycle of dependencyCycles(slugs, (slug) => catalog.entries.get(slug)?.value.depends_on ?? [])) {
    const [firstEdge, ...otherEdges] = cycleEdges(cycle);
    report(catalog.file, 'dependency-cycle', `dependency cycle: ${[...cycle, cycle[0]].join(' → ')}`, {
      place: edgePlace(firstEdge![0], firstEdge![1]),
      hint: 'remove one of the edges',
      cause: otherEdges.map(([from, to]) => ({ path: catalog.file.path, place: edgePlace(from, to), reason: `${from} depends on ${to}` })),
    });
  }
  for (const module of modules) {
    module.document.related.forEach((slug, index) => {
      if (!known(slug)) {
        report(module.parsed.file, 'unknown-module', `related module \`${slug}\` is not in the catalog`, {
          place: module.at(`/related/${index}`),
          hint: didYouMean(slug, slugs),
        });
      }
    });
  }
}

/** A timed part of a module: its label in messages, its minutes (if given) and where it is. */
interface TimedPart {
  label: string;
  minutes: number | undefined;
  pointer: string;
}

/** Every part a learner spends time on, in reading order, with the minutes it declares. */
function timedParts(document: ReadableModule['document']): TimedPart[] {
  const parts: TimedPart[] = document.blocks.map((block, index) => ({ label: '', minutes: block.minutes, pointer: `/blocks/${index}` }));
  if (document.challenge) parts.push({ label: 'challenge', minutes: document.challenge.minutes, pointer: '/challenge' });
  document.case_studies.forEach((study, index) => parts.push({ label: 'case study', minutes: study.minutes, pointer: `/case_studies/${index}` }));
  if (document.mistakes) parts.push({ label: 'mistakes', minutes: document.mistakes.minutes, pointer: '/mistakes' });
  if (document.checklist) parts.push({ label: 'checklist', minutes: document.checklist.minutes, pointer: '/checklist' });
  if (document.exam && document.exam.questions.length > 0) parts.push({ label: 'exam', minutes: document.exam.minutes, pointer: '/exam' });
  return parts;
}

/**
 * The duration is every part's minutes added up: blocks, challenge, case
 * studies, mistakes, checklist and exam. A part without minutes is a warning
 * (its time is missing from what learners and the LMS are told).
 */
function checkMinutes({ parsed, document, at }: ReadableModule): void {
  if (document.blocks.length === 0) return;
  const parts = timedParts(document);
  for (const part of parts) {
    if (part.label === '' || part.minutes !== undefined) continue;
    report(parsed.file, 'minutes-unbudgeted', `the ${part.label} has no minutes, so the duration leaves its time out`, {
      place: at(part.pointer),
      severity: 'warning',
      hint: 'give it `{minutes=N}` and add them to the duration',
    });
  }
  const total = parts.reduce((sum, part) => sum + (part.minutes ?? 0), 0);
  if (total === document.duration) return;
  const figures = parts.filter((part) => part.minutes !== undefined).map((part) => (part.label ? `${part.minutes} (${part.label})` : String(part.minutes)));
  report(parsed.file, 'minutes-mismatch', `the parts add up to ${total} minutes (${figures.join(' + ')}) but the duration is ${document.duration}`, {
    place: at('/duration'),
  });
}

function checkOutcomes({ parsed, document, at }: ReadableModule): void {
  const questions = document.exam?.questions ?? [];
  const outcomes = new Set(document.outcomes.map((outcome) => outcome.id));
  questions.forEach((question, index) => {
    for (const id of question.outcomes) {
      if (!outcomes.has(id)) {
        report(parsed.file, 'outcome-unknown', `question \`${question.id}\` cites outcome \`${id}\`, which the module does not define`, {
          place: at(`/exam/questions/${index}`),
          hint: didYouMean(id, outcomes),
        });
      }
    }
  });
  if (questions.length === 0) return;
  const assessed = new Set(questions.flatMap((question) => question.outcomes));
  document.outcomes.forEach((outcome, index) => {
    if (!assessed.has(outcome.id)) {
      report(parsed.file, 'outcome-unassessed', `learning outcome \`${outcome.id}\` is not assessed by any exam question`, {
        place: at(`/outcomes/${index}`),
      });
    }
  });
}

function checkPeople(collection: Collection, { parsed, document, at }: ReadableModule): void {
  const team = collection.catalog.data?.timeline?.team;
  // The team is usable when it is valid itself, whatever else in the catalog is broken.
  if (!team || isInvalidAt(collection.catalog, '/timeline/team')) return;
  const ids = new Set(team.map((member) => member.id));
  const check = (person: string, pointer: string, role: string) => {
    if (!ids.has(person)) {
      report(parsed.file, 'unknown-person', `${role} \`${person}\` is not in the catalog's team`, { place: at(pointer), hint: didYouMean(person, ids) });
    }
  };
  document.authors.forEach((author, index) => check(author, `/authors/${index}`, 'author'));
  document.review.rubric.forEach((record, index) => check(record.reviewer, `/review/rubric/${index}/reviewer`, 'reviewer'));
  document.review.signoffs.forEach((signoff, index) => check(signoff.by, `/review/signoffs/${index}/by`, 'signer'));
}

function checkReferences(collection: Collection, { parsed, document, at }: ReadableModule): void {
  const library = collection.library;
  if (!library?.valid) return;
  const ids = library.references;
  const check = (id: string, pointer: string, where: string) => {
    if (!ids.has(id)) {
      report(parsed.file, 'unknown-reference', `${where} \`${id}\` is not in the resource library`, { place: at(pointer), hint: didYouMean(id, ids.keys()) });
    }
  };
  for (const kind of ['academic', 'industry', 'code'] as const) {
    document.research.sources[kind].forEach((id, index) => check(id, `/research/sources/${kind}/${index}`, 'source'));
  }
  document.research.analysis.performance_metrics.forEach((metric, index) => {
    if (metric.source) check(metric.source, `/research/analysis/performance_metrics/${index}/source`, 'source');
  });
  document.citations?.forEach((id, index) => check(id, `/citations/${index}`, 'citation'));
}

function checkVerifyTargets({ parsed, document, at }: ReadableModule): void {
  const codeIds = new Set(document.blocks.flatMap((block) => block.code.map((code) => code.id)));
  document.exam?.questions.forEach((question, index) => {
    const verify = question.type === 'sequence' ? (question.answer as { verify?: string }).verify : undefined;
    if (verify !== undefined && !codeIds.has(verify)) {
      report(parsed.file, 'answer-invalid', `\`verify: ${verify}\` names no code example of this module`, {
        place: at(`/exam/questions/${index}/answer/verify`),
        hint: didYouMean(verify, codeIds),
      });
    }
  });
}
