import { defineConfig } from 'vitest/config';
// The machine is shared: emitting and HTTP round trips take seconds under load.
export default defineConfig({ test: { include: ['src/**/*.test.ts'], testTimeout: 180_000, hookTimeout: 180_000 } });
