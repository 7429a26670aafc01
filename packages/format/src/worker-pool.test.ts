import os from 'node:os';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultWorkerCount, parallelThreshold, workersFor } from './worker-pool.js';

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('how many parse workers', () => {
  it('parses on the main thread below the threshold, and when fewer than two cores are idle', () => {
    vi.stubEnv('PRESS_PARSE_WORKERS', '');
    vi.spyOn(os, 'availableParallelism').mockReturnValue(2);
    vi.spyOn(os, 'loadavg').mockReturnValue([0.1, 0.1, 0.1]);
    expect(workersFor(parallelThreshold - 1)).toBe(1);
    expect(workersFor(parallelThreshold)).toBe(2);
    vi.spyOn(os, 'loadavg').mockReturnValue([1.2, 1, 1]);
    expect(workersFor(1000)).toBe(1);
    vi.spyOn(os, 'availableParallelism').mockReturnValue(16);
    vi.spyOn(os, 'loadavg').mockReturnValue([3, 3, 3]);
    expect(defaultWorkerCount()).toBe(8);
  });

  it('follows an explicit count, then PRESS_PARSE_WORKERS', () => {
    vi.stubEnv('PRESS_PARSE_WORKERS', '3');
    expect(workersFor(1)).toBe(3);
    expect(workersFor(1000, 1)).toBe(1);
    vi.stubEnv('PRESS_PARSE_WORKERS', '0');
    expect(workersFor(1000)).toBe(1);
  });
});
