import { describe, expect, it } from 'vitest';
import { cslReferences, protectedTitle } from './csl.js';

describe('protectedTitle', () => {
  it('protects acronyms, inner capitals, digits and domains, and leaves plain words to the style', () => {
    expect(protectedTitle('Summary of the Amazon EC2 and Amazon RDS Service Disruption', false)).toBe(
      'Summary of the Amazon <span class="nocase">EC2</span> and Amazon <span class="nocase">RDS</span> Service Disruption',
    );
    expect(protectedTitle('Amazon DynamoDB Developer Guide', false)).toBe('Amazon <span class="nocase">DynamoDB</span> Developer Guide');
    expect(protectedTitle('martinfowler.com', false)).toBe('<span class="nocase">martinfowler.com</span>');
    expect(protectedTitle('Exponential backoff and jitter', false)).toBe('Exponential backoff and jitter');
  });

  it('protects a one-word title and a software name whole: they are names', () => {
    expect(protectedTitle('gobreaker', false)).toBe('<span class="nocase">gobreaker</span>');
    expect(cslReferences([{ id: 'x', type: 'software', title: 'resilience4j circuit breaker' }])[0]!.title).toBe('<span class="nocase">resilience4j circuit breaker</span>');
  });
});
