import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser } from '@pattern-press/render';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, type RunningServer } from './server.js';

// A real Chromium opens pages from a real press serve: the Content-Security-Policy is judged by a browser, not by a regex.
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let server: RunningServer;
let work: string;

const ran = `document.documentElement.setAttribute('data-ran', 'yes')`;
const files: Record<string, string> = {
  // Untrusted: an author's SVG with a script, an HTML file in a module folder.
  'api/v1/assets/circuit-breaker/evil.svg': `<svg xmlns="http://www.w3.org/2000/svg" onload="${ran}"><script>${ran}; fetch('/api/v1/index.json')</script><rect width="10" height="10"/></svg>`,
  'api/v1/assets/circuit-breaker/page.html': `<!doctype html><html><body><script>${ran}</script><img src="x" onerror="${ran}"></body></html>`,
  'schedule/evil.svg': `<svg xmlns="http://www.w3.org/2000/svg"><script>${ran}</script></svg>`,
  // Shaped like a reveal.js deck: a same-origin script, an inline start-up script, inline styles, an SVG diagram as an image.
  'slides/deck/index.html': `<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="deck.css"><style>.x{color:red}</style></head>
<body><div style="width:10px" id="frame"></div><img id="diagram" src="diagrams/d.svg">
<script src="lib.js"></script><script>window.deckReady = typeof lib === 'function' && lib();</script>
<img id="remote" src="https://example.com/tracker.png"></body></html>`,
  'slides/deck/lib.js': 'function lib() { return true; }',
  'slides/deck/deck.css': 'body { margin: 0 }',
  'slides/deck/diagrams/d.svg': '<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20"><style>rect{fill:#c00}</style><rect width="20" height="20"/></svg>',
  // Shaped like the build report: styles only; an injected inline script must not run there.
  'report/index.html': `<!doctype html><html><head><style>body{font-family:sans-serif}</style></head><body><table style="width:100%"><tr><td>ok</td></tr></table><script>${ran}</script></body></html>`,
};

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'press-api-browser-'));
  for (const [relative, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(work, relative)), { recursive: true });
    await writeFile(path.join(work, relative), content);
  }
  server = await serve({ root: work, port: 0 });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await rm(work, { recursive: true, force: true });
});

/** Opens a page and reports whether any of its scripts ran, the CSP violations and the requests that left this server. */
async function open(relative: string) {
  const page = await browser.newPage();
  const remote: string[] = [];
  // Chromium announces even the requests CSP blocks (they fail with ERR_BLOCKED_BY_CSP): count the ones that were answered.
  page.on('response', (response) => {
    if (!response.url().startsWith(server.url) && !response.url().startsWith('data:')) remote.push(response.url());
  });
  await page.evaluateOnNewDocument(() => {
    const record = (event: SecurityPolicyViolationEvent) => ((window as unknown as { violations: string[] }).violations ??= []).push(`${event.effectiveDirective} ${event.blockedURI}`);
    document.addEventListener('securitypolicyviolation', record);
  });
  const response = await page.goto(new URL(relative, server.url).href, { waitUntil: 'networkidle0' });
  const state = await page.evaluate(() => ({
    ran: document.documentElement.getAttribute('data-ran'),
    violations: (window as unknown as { violations?: string[] }).violations ?? [],
    deckReady: (window as unknown as { deckReady?: boolean }).deckReady ?? null,
    images: Array.from(document.images).map((image) => ({ id: image.id, loaded: image.complete && image.naturalWidth > 0 })),
    width: (document.getElementById('frame') as HTMLElement | null)?.offsetWidth ?? null,
  }));
  await page.close();
  return { status: response?.status(), remote, ...state };
}

describe('press serve in a browser', () => {
  it("runs no script of an SVG or HTML file a module ships, opened in the server's origin", async () => {
    for (const relative of ['api/v1/assets/circuit-breaker/evil.svg', 'api/v1/assets/circuit-breaker/page.html', 'schedule/evil.svg']) {
      const page = await open(relative);
      expect({ relative, status: page.status, ran: page.ran }).toEqual({ relative, status: 200, ran: null });
    }
  });

  it('lets a slide deck run its own scripts and styles and show its diagrams, and loads nothing remote', async () => {
    const deck = await open('slides/deck/');
    expect(deck.status).toBe(200);
    expect(deck.deckReady).toBe(true);
    expect(deck.width).toBe(10);
    expect(deck.images).toContainEqual({ id: 'diagram', loaded: true });
    expect(deck.images).toContainEqual({ id: 'remote', loaded: false });
    expect(deck.remote).toEqual([]);
    // The only thing the policy stopped is the remote image.
    expect(deck.violations).toEqual(['img-src https://example.com/tracker.png']);
  });

  it('shows the report with its styles and runs no inline script in it', async () => {
    const report = await open('report/');
    expect(report.status).toBe(200);
    expect(report.ran).toBeNull();
    expect(report.violations).toEqual(['script-src-elem inline']);
  });
});
