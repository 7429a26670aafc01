import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { PatternCatalog } from '@pattern-press/schema';
import type { ScheduleModule, ScheduleOptions } from './types.js';

export interface Fixture {
  options: ScheduleOptions;
  catalog: PatternCatalog;
  modules: ScheduleModule[];
}

export function readFixture(name: string): Fixture {
  return JSON.parse(readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)), 'utf8')) as Fixture;
}

export function fixturePath(name: string): string {
  return fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
}

export const modulesRoot = fileURLToPath(new URL('../../../modules', import.meta.url));

type Timeline = PatternCatalog['timeline'];

/** A small catalog for tests: patterns with their dependencies, one team, a calendar. */
export function catalogOf(patterns: { slug: string; priority?: number; depends_on?: string[] }[], timeline: Partial<Timeline> = {}): PatternCatalog {
  return {
    categories: [{ id: 'scaling', title: 'Scaling' }],
    patterns: patterns.map((pattern) => ({
      slug: pattern.slug,
      title: pattern.slug.replace(/(^|-)([a-z])/g, (_, dash: string, letter: string) => `${dash ? ' ' : ''}${letter.toUpperCase()}`),
      category: 'scaling',
      priority: pattern.priority ?? 1,
      complexity: 'medium',
      depends_on: pattern.depends_on ?? [],
      real_examples: [],
    })),
    timeline: {
      start: '2025-02-03',
      sprint_days: 7,
      dependency_phase: 'review',
      calendar: { working_days: ['mon', 'tue', 'wed', 'thu', 'fri'], holidays: [] },
      team: [
        { id: 'author-a', roles: ['author'], capacity: 1 },
        { id: 'reviewer-a', roles: ['reviewer'], capacity: 1 },
      ],
      ...timeline,
    },
  };
}
