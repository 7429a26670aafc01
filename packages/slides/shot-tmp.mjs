import { launchBrowser, fileUrl } from '@pattern-press/render';
const b = await launchBrowser();
const page = await b.newPage();
await page.setViewport({ width: 1280, height: 720 });
await page.goto(fileUrl('/tmp/slides-out/circuit-breaker/index.html'), { waitUntil: 'load' });
await page.waitForFunction(() => globalThis.Reveal?.isReady());
for (const i of process.argv.slice(2).map(Number)) {
  await page.evaluate((i) => Reveal.slide(i), i);
  await new Promise(r => setTimeout(r, 150));
  await page.screenshot({ path: `/tmp/shot-${i}.png` });
}
await b.close();
