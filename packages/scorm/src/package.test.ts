import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Publication } from '@pattern-press/format';
import { fileUrl, launchBrowser, openIsolatedPage } from '@pattern-press/render';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitScorm, type EmitScormResult } from './emit.js';
import { lintManifest } from './lint.js';
import { schemaFiles, type ScormVersion } from './schemas.js';
import { extractZip, readZip, realPublication, withDependentModule } from './testing/fixtures.js';
import { driverSchema, xmllint } from './testing/xmllint.js';

let browser: Browser;
let work: string;
let publication: Publication;
let result: EmitScormResult;
const drivers = new Map<ScormVersion, string>();
const zips = new Map<string, { entries: Map<string, Buffer>; meta: import('yauzl').Entry[] }>();

const names = [
  'bulkhead-scorm12.zip',
  'bulkhead-scorm2004.zip',
  'circuit-breaker-scorm12.zip',
  'circuit-breaker-scorm2004.zip',
  'course-scorm12.zip',
  'course-scorm2004.zip',
];
const versionOf = (name: string): ScormVersion => (name.includes('scorm12') ? '1.2' : '2004');

beforeAll(async () => {
  browser = await launchBrowser();
  work = await mkdtemp(path.join(os.tmpdir(), 'scorm-package-test-'));
  publication = withDependentModule(await realPublication());
  result = await emitScorm(publication, { outDir: path.join(work, 'out'), cacheDir: path.join(work, 'cache'), browser });
  for (const file of result.files) zips.set(path.basename(file), await readZip(file));
  drivers.set('1.2', await driverSchema('1.2', work));
  drivers.set('2004', await driverSchema('2004', work));
}, 300_000);

afterAll(async () => {
  await browser?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('emitScorm', () => {
  it('writes a 1.2 and a 2004 zip per built module and for the course, with no content problems', () => {
    expect(result.files.map((file) => path.basename(file)).sort()).toEqual(names);
    expect(result.problems).toEqual([]);
  });

  it('produces byte-identical zips from the same input', async () => {
    const again = await emitScorm(publication, { outDir: path.join(work, 'again'), cacheDir: path.join(work, 'cache'), browser });
    for (const [index, file] of result.files.entries()) {
      expect((await readFile(again.files[index]!)).equals(await readFile(file)), path.basename(file)).toBe(true);
    }
  }, 300_000);

  it('builds nothing for modules at research or outline (and reports the benchmark of the real build)', async () => {
    const real = await realPublication();
    const started = performance.now();
    const built = await emitScorm(real, { outDir: path.join(work, 'real'), cacheDir: path.join(work, 'cache'), browser });
    const elapsed = performance.now() - started;
    // A benchmark, not a pass/fail figure: printed for the report.
    const sizes = await Promise.all(built.files.map(async (file) => `${path.basename(file)} ${(await readFile(file)).length} B`));
    console.log(`[benchmark] emitScorm on modules/ (diagram cache warm): ${elapsed.toFixed(0)} ms\n  ${sizes.join('\n  ')}`);
    expect(built.files.map((file) => path.basename(file)).sort()).toEqual([
      'circuit-breaker-scorm12.zip',
      'circuit-breaker-scorm2004.zip',
      'course-scorm12.zip',
      'course-scorm2004.zip',
    ]);
  }, 300_000);
});

describe('content problems', () => {
  it('a diagram that does not render is a diagnostic at its place, not an exception, and the package is still built', async () => {
    const broken = structuredClone(publication);
    const module = broken.modules.find((candidate) => candidate.slug === 'circuit-breaker')!;
    const diagram = module.blocks[0]!.diagrams[0]!;
    const source = 'flowchart LR\n  A --> ((( oops';
    module.blocks[0]!.concept!.markdown = module.blocks[0]!.concept!.markdown.replace(diagram.source, source);
    diagram.source = source;
    const built = await emitScorm(broken, { outDir: path.join(work, 'broken'), cacheDir: path.join(work, 'cache'), browser });
    expect(built.files).toHaveLength(6);
    const [file] = built.problems;
    expect(built.problems).toHaveLength(1);
    expect(file!.path).toBe(path.join(publication.root, 'circuit-breaker', 'module.md'));
    expect(file!.messages).toHaveLength(1);
    expect(file!.messages[0]!.reason).toMatch(/^Mermaid cannot draw this /);
    // At the line of module.md that Mermaid names (line 2 of the diagram, below the fence).
    expect(file!.messages[0]!.line).toBe(diagram.position!.line + 2);
    const html = (await readZip(built.files.find((name) => name.endsWith('circuit-breaker-scorm12.zip'))!)).entries.get('circuit-breaker/index.html')!.toString('utf8');
    expect(html).toContain('oops');
  }, 300_000);
});

describe.each(names)('%s read back', (name) => {
  const version = versionOf(name);

  it('has imsmanifest.xml and the XSDs at the root, sorted entries with one fixed time, no rejected file types', () => {
    const { entries, meta } = zips.get(name)!;
    const list = meta.map((entry) => entry.fileName);
    expect(list).toEqual([...list].sort());
    expect(list).toContain('imsmanifest.xml');
    for (const xsd of schemaFiles(version)) expect(list).toContain(xsd);
    expect(new Set(meta.map((entry) => `${entry.lastModFileDate}/${entry.lastModFileTime}`)).size).toBe(1);
    expect(list.filter((file) => /\.(php|sh|py|exe|bat|cgi|pl|asp|jsp)$|(^|\/)\.ht/.test(file))).toEqual([]);
    expect(entries.get('player/player.js')!.length).toBeGreaterThan(1000);
  });

  it('validates with xmllint against the official XSDs', async () => {
    const file = path.join(work, `${name}.imsmanifest.xml`);
    await writeFile(file, zips.get(name)!.entries.get('imsmanifest.xml')!);
    const { code, output } = await xmllint(drivers.get(version)!, file);
    expect(output).toContain('validates');
    expect(code).toBe(0);
  });

  it('passes the lint: identifierrefs resolve, scormtype spelt for the version, files listed equal files present', () => {
    const { entries } = zips.get(name)!;
    expect(lintManifest(entries.get('imsmanifest.xml')!.toString('utf8'), { version, files: [...entries.keys()] })).toEqual([]);
  });

  it('ships self-contained players: no http(s) resource in any page, review copies say so', () => {
    const { entries } = zips.get(name)!;
    const pages = [...entries].filter(([file]) => file.endsWith('index.html'));
    expect(pages.length).toBeGreaterThan(0);
    for (const [file, bytes] of pages) {
      const html = bytes.toString('utf8');
      expect(html, file).not.toMatch(/<(script|link|img|iframe)[^>]+(src|href)="(https?:)?\/\//);
      expect(html, file).toContain(`data-scorm="${version}"`);
      expect(html, file).toContain('Review copy');
      expect(html, file).toContain('<svg');
    }
  });
});

describe('manifest contents', () => {
  const manifest = (name: string) => zips.get(name)!.entries.get('imsmanifest.xml')!.toString('utf8');

  it('1.2 carries the pass mark as masteryscore and names the status in the title', () => {
    const xml = manifest('circuit-breaker-scorm12.zip');
    expect(xml).toContain('<adlcp:masteryscore>80</adlcp:masteryscore>');
    expect(xml).toContain('adlcp:scormtype="sco"');
    expect(xml).toContain('<title>Circuit Breaker (review copy, status: review)</title>');
  });

  it('2004 carries a primary objective satisfied by measure, content-set completion and LOM metadata', () => {
    const xml = manifest('circuit-breaker-scorm2004.zip');
    expect(xml).toMatch(/<imsss:primaryObjective objectiveID="[^"]+" satisfiedByMeasure="true">\s*<imsss:minNormalizedMeasure>0.8<\/imsss:minNormalizedMeasure>/);
    expect(xml).toContain('completionSetByContent="true" objectiveSetByContent="true"');
    expect(xml).toContain('<lom:title><lom:string language="en">Circuit Breaker (review copy, status: review)</lom:string></lom:title>');
    expect(xml).toContain('<lom:keyword><lom:string language="en">Resilience4j</lom:string></lom:keyword>');
    expect(xml).toContain('<lom:typicalLearningTime><lom:duration>PT3H40M</lom:duration></lom:typicalLearningTime>');
    expect(xml).toContain('<schemaversion>2004 4th Edition</schemaversion>');
    expect(xml).toContain('adlcp:scormType="sco"');
    // The player's own Previous/Next: the LMS hides its flow buttons (validated against adlnav_v1p3.xsd above).
    expect(xml).toMatch(/<\/imsss:sequencing>\s*<adlnav:presentation>\s*<adlnav:navigationInterface>\s*<adlnav:hideLMSUI>previous<\/adlnav:hideLMSUI>\s*<adlnav:hideLMSUI>continue<\/adlnav:hideLMSUI>/);
  });

  it('the 2004 course disables a module until its prerequisite writes a satisfied global objective; flow and choice are on', () => {
    const xml = manifest('course-scorm2004.zip');
    const item = (slug: string) => xml.match(new RegExp(`<item identifier="ITEM-${slug}"[\\s\\S]*?</item>`))![0];
    expect(item('circuit-breaker')).not.toContain('preConditionRule');
    expect(item('circuit-breaker')).toContain('targetObjectiveID="urn:pattern-press:module:circuit-breaker" readSatisfiedStatus="false" writeSatisfiedStatus="true"');
    const bulkhead = item('bulkhead');
    expect(bulkhead).toMatch(/<imsss:ruleConditions conditionCombination="any">[\s\S]*condition="satisfied"[\s\S]*condition="objectiveStatusKnown"[\s\S]*<imsss:ruleAction action="disabled"\/>/);
    expect(bulkhead).toContain('targetObjectiveID="urn:pattern-press:module:circuit-breaker" readSatisfiedStatus="true" writeSatisfiedStatus="false"');
    expect(xml).toContain('<imsss:controlMode choice="true" choiceExit="true" flow="true" forwardOnly="false"/>');
    expect(manifest('course-scorm12.zip')).toContain('<adlcp:prerequisites type="aicc_script">ITEM-circuit-breaker</adlcp:prerequisites>');
  });
});

describe('lintManifest catches what the XSDs let through', () => {
  const valid = (name: string) => zips.get(name)!.entries.get('imsmanifest.xml')!.toString('utf8');
  const filesOf = (name: string) => [...zips.get(name)!.entries.keys()];

  async function xsdAccepts(version: ScormVersion, xml: string): Promise<boolean> {
    const file = path.join(work, `mutant-${Math.random().toString(36).slice(2)}.xml`);
    await writeFile(file, xml);
    return (await xmllint(drivers.get(version)!, file)).code === 0;
  }

  it('a dangling identifierref (valid for the XSD)', async () => {
    const xml = valid('course-scorm2004.zip').replace('identifierref="RES-bulkhead"', 'identifierref="RES-missing"');
    expect(await xsdAccepts('2004', xml)).toBe(true);
    expect(lintManifest(xml, { version: '2004' }).map((problem) => problem.rule)).toContain('identifierref-dangling');
  });

  it('the 1.2 spelling scormtype in a 2004 manifest (valid for the XSD) and the reverse', async () => {
    const in2004 = valid('circuit-breaker-scorm2004.zip').replaceAll('adlcp:scormType', 'adlcp:scormtype');
    expect(await xsdAccepts('2004', in2004)).toBe(true);
    expect(lintManifest(in2004, { version: '2004' }).filter((problem) => problem.rule === 'scormtype-spelling').length).toBeGreaterThanOrEqual(2);
    const in12 = valid('circuit-breaker-scorm12.zip').replaceAll('adlcp:scormtype', 'adlcp:scormType');
    expect(lintManifest(in12, { version: '1.2' }).map((problem) => problem.rule)).toContain('scormtype-spelling');
  });

  it('a masteryscore out of range (valid for the XSD)', async () => {
    const xml = valid('circuit-breaker-scorm12.zip').replace('<adlcp:masteryscore>80<', '<adlcp:masteryscore>180<');
    expect(await xsdAccepts('1.2', xml)).toBe(true);
    expect(lintManifest(xml, { version: '1.2' })).toEqual([{ rule: 'masteryscore-range', message: 'adlcp:masteryscore "180" is not a number from 0 to 100' }]);
  });

  it('files listed but missing, present but unlisted, rejected types, missing schema files', () => {
    const files = filesOf('circuit-breaker-scorm12.zip').filter((file) => file !== 'player/player.css' && file !== 'adlcp_rootv1p2.xsd');
    files.push('circuit-breaker/notes.txt', 'circuit-breaker/run.php');
    const rules = lintManifest(valid('circuit-breaker-scorm12.zip'), { version: '1.2', files }).map((problem) => `${problem.rule}: ${problem.message}`);
    expect(rules).toContain('file-missing: <file href="player/player.css"> is listed but not in the package');
    expect(rules).toContain('file-unlisted: circuit-breaker/notes.txt is in the package but listed by no resource');
    expect(rules).toContain('file-type-rejected: circuit-breaker/run.php is a file type LMSs reject');
    expect(rules).toContain('schema-file-missing: adlcp_rootv1p2.xsd (named in xsi:schemaLocation) is not at the package root');
  });

  it('identifiers that are not NCNames and missing LOM fields', () => {
    const xml = valid('circuit-breaker-scorm2004.zip').replace('identifier="ITEM-circuit-breaker"', 'identifier="1 item"').replace(/<lom:keyword>[\s\S]*?<\/lom:keyword>/g, '');
    const rules = lintManifest(xml, { version: '2004' }).map((problem) => problem.rule);
    expect(rules).toContain('identifier-invalid');
    expect(rules).toContain('metadata-missing');
  });

  it('xmllint does fail a manifest that breaks the schema (the validation can fail)', async () => {
    expect(await xsdAccepts('1.2', valid('circuit-breaker-scorm12.zip').replace(/<organizations[\s\S]*<\/organizations>/, ''))).toBe(false);
    expect(await xsdAccepts('2004', valid('circuit-breaker-scorm2004.zip').replace('<imsss:ruleAction', '<imsss:ruleActions'))).toBe(true); // no rule in this module
    expect(await xsdAccepts('2004', valid('course-scorm2004.zip').replace('action="disabled"', 'action="locked"'))).toBe(false);
  });
});

describe('the player without an LMS', () => {
  it('runs from file:// in preview mode, says so, loads nothing from outside, and fits a phone screen', async () => {
    const folder = path.join(work, 'preview');
    await extractZip(result.files.find((file) => file.endsWith('circuit-breaker-scorm12.zip'))!, folder);
    const blocked: string[] = [];
    const page = await openIsolatedPage(browser, { allowedRoots: [folder], onBlocked: (url) => blocked.push(url) });
    try {
      await page.setViewport({ width: 375, height: 740 });
      await page.goto(fileUrl(path.join(folder, 'circuit-breaker', 'index.html')), { waitUntil: 'load' });
      expect(await page.$eval('#pp-mode', (node) => node.textContent)).toMatch(/^Preview mode: no LMS was found/);
      expect(await page.$eval('#pp-progress', (node) => node.textContent)).toBe('Page 1 of 10'); // overview, 5 blocks, challenge, wrap-up, glossary, quiz
      // Keyboard only: Tab to "Next" and press Enter.
      await page.focus('#pp-next');
      await page.keyboard.press('Enter');
      expect(await page.$eval('section.page:not([hidden])', (node) => node.getAttribute('data-page'))).toBe('b-cascade');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('title-b-cascade');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      expect(blocked).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
