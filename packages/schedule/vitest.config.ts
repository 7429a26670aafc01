import { defineConfig } from 'vitest/config';
// Chromium on a shared 2-core machine: a render can take seconds, far from vitest's 5 s default.
export default defineConfig({ test: { include: ['src/**/*.test.ts'], testTimeout: 180_000, hookTimeout: 180_000 } });
