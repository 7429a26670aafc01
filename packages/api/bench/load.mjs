#!/usr/bin/env node
// Bounded load test of press serve on loopback (a benchmark, not a test):
// emits the real collection's API into a temporary dist/, serves it on an
// ephemeral port, and drives index.json and a module document with autocannon.
//   node packages/api/bench/load.mjs [--duration 10] [--connections 50] [--encoding identity|gzip|br]
// Needs the package built (npx tsc -p packages/api).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { checkCollection } from '@pattern-press/checks';
import { loadCollection, toPublication } from '@pattern-press/format';
import { emitApi, serve } from '../dist/index.js';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    encoding: { type: 'string', default: 'identity' },
  },
});
const duration = Math.min(Number(values.duration), 60);
const connections = Math.min(Number(values.connections), 200);

const modulesDir = fileURLToPath(new URL('../../../modules', import.meta.url));
const work = await mkdtemp(path.join(os.tmpdir(), 'press-api-load-'));
let server;
try {
  const collection = await loadCollection(modulesDir);
  checkCollection(collection);
  const publication = toPublication(collection);
  await emitApi(publication, { outDir: path.join(work, 'dist', 'api'), cacheDir: path.join(work, 'cache') });
  server = await serve({ root: path.join(work, 'dist'), port: 0 });
  const module = publication.modules.find((candidate) => ['draft', 'review', 'published'].includes(candidate.status));
  const paths = ['/api/v1/index.json', `/api/v1/modules/${module.slug}.json`];
  const result = await autocannon({
    url: server.url.replace(/\/$/, ''),
    connections,
    duration,
    headers: { 'accept-encoding': values.encoding },
    requests: paths.map((requestPath) => ({ method: 'GET', path: requestPath })),
  });
  const errors = result.errors + result.timeouts + result.non2xx;
  const summary = {
    paths,
    encoding: values.encoding,
    connections,
    durationSeconds: result.duration,
    requests: result.requests.total,
    requestsPerSecond: Math.round(result.requests.average),
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
    throughputMBps: Math.round((result.throughput.average / 1e6) * 10) / 10,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
  };
  console.log(JSON.stringify(summary, null, 2));
  if (errors > 0) process.exitCode = 1;
} finally {
  await server?.close();
  await rm(work, { recursive: true, force: true });
}
