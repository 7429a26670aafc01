import { defineConfig } from 'vitest/config';
export default defineConfig({ test: { include: ['**/*.test.ts'], exclude: ['fixtures/**', 'node_modules/**'], testTimeout: 180_000, hookTimeout: 180_000 } });
