import type { PatternModule } from '@pattern-press/schema';
import { describe, expect, it } from 'vitest';
import { sealAnswerKey, unsealAnswerKey } from './sealed.js';
import { normalizedMeasure } from './manifest2004.js';
import { toCoursePackageSpec, toModulePackageSpec } from './package-spec.js';
import { isNcName, isoMinutes, toNcName } from './xml.js';
import { realPublication } from './testing/fixtures.js';

describe('small pure functions', () => {

  it('isoMinutes, normalizedMeasure, NCNames', () => {
    expect([isoMinutes(150), isoMinutes(45), isoMinutes(60), isoMinutes(0)]).toEqual(['PT2H30M', 'PT45M', 'PT1H', 'PT0M']);
    expect([normalizedMeasure(80), normalizedMeasure(100), normalizedMeasure(0), normalizedMeasure(67)]).toEqual(['0.8', '1', '0', '0.67']);
    expect(isNcName('ITEM-circuit-breaker')).toBe(true);
    expect(isNcName('1item')).toBe(false);
    expect(isNcName(toNcName('1 item:x'))).toBe(true);
  });

  it('a course gates a module only on dependencies that are in the course', async () => {
    const breaker = (await realPublication()).modules.find((module) => module.slug === 'circuit-breaker')!;
    const dependent: PatternModule = { ...structuredClone(breaker), slug: 'sharding', depends_on: ['load-balancing', 'circuit-breaker'] };
    const course = toCoursePackageSpec([breaker, dependent]);
    expect(course.scos.map((sco) => sco.prerequisites.map((prerequisite) => prerequisite.itemId))).toEqual([[], ['ITEM-circuit-breaker']]);
    expect(toModulePackageSpec(dependent).scos[0]!.prerequisites).toEqual([]);
    expect(course.final).toBe(false);
    expect(course.title).toContain('review copies');
  });
});

describe('sealAnswerKey', () => {
  it('hides the text, round-trips, gives the same bytes for the same seed and other bytes for another', () => {
    const key = [{ answer: { correct: 'b', tolerance: 0 }, feedback: '<h3>Model answer</h3><p>The breaker holds its lock — “é” too.</p>' }];
    const sealed = sealAnswerKey(key, 'circuit-breaker|2004');
    expect(sealed).not.toMatch(/correct|Model answer|breaker/);
    expect(unsealAnswerKey(sealed, 'circuit-breaker|2004')).toEqual(key);
    expect(sealAnswerKey(key, 'circuit-breaker|2004')).toBe(sealed);
    expect(sealAnswerKey(key, 'circuit-breaker|1.2')).not.toBe(sealed);
  });
});
