// A tiny LMS for tests: a harness page on 127.0.0.1 that puts scorm-again's real
// Scorm12API / Scorm2004API on window, logs every call the SCO makes, and loads
// a package's launch file in an iframe.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

function scormAgainBundle(): string {
  // The package's "require" export is its browser bundle (dist/scorm-again.js), which puts both APIs on window.
  return require.resolve('scorm-again');
}

const harnessHtml = `<!doctype html>
<html><head><meta charset="utf-8"><title>LMS harness</title><script src="/scorm-again.js"></script></head>
<body>
<script>
  // Wraps the real API's methods to record each call and its result; the API itself is untouched.
  // activityTree: SCORM 2004 sequencing, as the LMS extracted it from the manifest; the
  // engine's navigation validity (which items a choice may reach) is recorded in window.validity.
  // faults: { preinitialize: the session is already open when the SCO starts (the runtime refuses its Initialize),
  // commitUrl: commits go to this server, which fails as many as /fail-commits?n= asked }.
  window.launch = function (version, url, stored, activityTree, faults) {
    var old = document.getElementById('sco');
    if (old) old.remove();
    faults = faults || {};
    var settings = { logLevel: 5 };
    if (faults.commitUrl) settings.lmsCommitUrl = '/commit';
    window.validity = [];
    if (activityTree) {
      settings.sequencing = {
        activityTree: activityTree,
        eventListeners: { onNavigationValidityUpdate: function (update) { window.validity.push(update.choice); } },
      };
    }
    var api = version === '1.2' ? new Scorm12API(settings) : new Scorm2004API(settings);
    if (stored) api.loadFromJSON(stored);
    window.log = [];
    var names = version === '1.2'
      ? ['LMSInitialize', 'LMSFinish', 'LMSGetValue', 'LMSSetValue', 'LMSCommit']
      : ['Initialize', 'Terminate', 'GetValue', 'SetValue', 'Commit'];
    names.forEach(function (name) {
      var original = api[name].bind(api);
      api[name] = function () {
        var result = original.apply(null, arguments);
        var error = String(api.lastErrorCode === undefined ? '' : api.lastErrorCode);
        window.log.push({ name: name, args: Array.prototype.slice.call(arguments), result: String(result), error: error });
        return result;
      };
    });
    window.api = api;
    if (faults.preinitialize) api[version === '1.2' ? 'LMSInitialize' : 'Initialize']('');
    delete window.API;
    delete window.API_1484_11;
    window[version === '1.2' ? 'API' : 'API_1484_11'] = api;
    var frame = document.createElement('iframe');
    frame.id = 'sco';
    frame.title = 'SCO';
    frame.style.width = (faults.width || 1000) + 'px';
    frame.style.height = (faults.height || 800) + 'px';
    frame.src = url;
    document.body.appendChild(frame);
  };
  window.unload = function () {
    var frame = document.getElementById('sco');
    if (frame) frame.remove();
  };
</script>
</body></html>`;

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml',
  '.xsd': 'application/xml',
  '.png': 'image/png',
};

export interface TestLms {
  url: string;
  /** Commits the runtime posted to /commit, and how many of them were refused. */
  commits: { received: number; refused: number };
  close: () => Promise<void>;
}

/**
 * Serves `root` (packages extracted into it), the harness at / and scorm-again at /scorm-again.js, on 127.0.0.1 only;
 * /commit is an LMS commit endpoint that answers 500 to the next n commits after /fail-commits?n=.
 */
export async function startLms(root: string): Promise<TestLms> {
  const bundle = scormAgainBundle();
  const commits = { received: 0, refused: 0, toFail: 0 };
  const server = http.createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/fail-commits') {
      commits.toFail = Number(url.searchParams.get('n') ?? '0');
      response.writeHead(204).end();
      return;
    }
    if (url.pathname === '/commit') {
      request.resume();
      commits.received++;
      if (commits.toFail > 0) {
        commits.toFail--;
        commits.refused++;
        response.writeHead(500, { 'content-type': 'application/json' }).end('{"result":false,"errorCode":101}');
      } else {
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"result":true,"errorCode":0}');
      }
      return;
    }
    if (url.pathname === '/' || url.pathname === '/harness.html') {
      response.writeHead(200, { 'content-type': types['.html']! }).end(harnessHtml);
      return;
    }
    const file = url.pathname === '/scorm-again.js' ? bundle : path.join(root, decodeURIComponent(url.pathname));
    if (!file.startsWith(root + path.sep) && file !== bundle) {
      response.writeHead(403).end();
      return;
    }
    try {
      if (!(await stat(file)).isFile()) throw new Error('not a file');
      response.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
      createReadStream(file).pipe(response);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}`,
    get commits() {
      return { received: commits.received, refused: commits.refused };
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
