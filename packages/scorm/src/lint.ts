import { DOMParser, type Element } from '@xmldom/xmldom';
import { schemaFiles, type ScormVersion } from './schemas.js';
import { isNcName } from './xml.js';

export interface ManifestProblem {
  rule:
    | 'xml-syntax'
    | 'identifier-invalid'
    | 'identifier-duplicate'
    | 'identifierref-dangling'
    | 'scormtype-spelling'
    | 'masteryscore-range'
    | 'measure-range'
    | 'file-unlisted'
    | 'file-missing'
    | 'file-type-rejected'
    | 'schema-file-missing'
    | 'metadata-missing';
  message: string;
}

export interface LintOptions {
  version: ScormVersion;
  /** Every file in the package, relative to its root ('/' separators); omit to skip the file checks. */
  files?: readonly string[];
}

const adlcp12 = 'http://www.adlnet.org/xsd/adlcp_rootv1p2';
const adlcp2004 = 'http://www.adlnet.org/xsd/adlcp_v1p3';
const imsss = 'http://www.imsglobal.org/xsd/imsss';
const lomNs = 'http://ltsc.ieee.org/xsd/LOM';

/** File types LMSs refuse on import, or that a web server might execute. */
export const rejectedExtensions = [
  '.php',
  '.phtml',
  '.asp',
  '.aspx',
  '.jsp',
  '.cgi',
  '.pl',
  '.py',
  '.rb',
  '.sh',
  '.bash',
  '.bat',
  '.cmd',
  '.exe',
  '.dll',
  '.com',
  '.ps1',
  '.vbs',
  '.jar',
  '.htaccess',
  '.htpasswd',
];

export function isRejectedFile(name: string): boolean {
  const base = name.split('/').pop()!.toLowerCase();
  return rejectedExtensions.some((extension) => base === extension.slice(1) || base.endsWith(extension)) || base.startsWith('.ht');
}

function elements(root: Element, localName: string, namespace?: string): Element[] {
  const list = namespace === undefined ? root.getElementsByTagNameNS('*', localName) : root.getElementsByTagNameNS(namespace, localName);
  return Array.from({ length: list.length }, (_, index) => list.item(index)!);
}

function textOf(element: Element | undefined): string {
  return (element?.textContent ?? '').trim();
}

/** Files that are part of the package but never listed: the manifest and its controlling documents at the root. */
function isControllingDocument(file: string, version: ScormVersion): boolean {
  return file === 'imsmanifest.xml' || (!file.includes('/') && schemaFiles(version).includes(file));
}

/**
 * What the XSDs cannot see: dangling identifierrefs, the version's spelling of
 * scormtype/scormType, the pass-mark range, identifiers that are not NCNames,
 * listed files against present files, rejected file types, missing schema files
 * and (2004) the LOM fields LMS catalogues show.
 */
export function lintManifest(xml: string, options: LintOptions): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  const add = (rule: ManifestProblem['rule'], message: string) => problems.push({ rule, message });
  let root: Element;
  try {
    const document = new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') throw new Error(message);
      },
    }).parseFromString(xml, 'text/xml');
    root = document.documentElement!;
  } catch (error) {
    return [{ rule: 'xml-syntax', message: `imsmanifest.xml does not parse: ${(error as Error).message}` }];
  }

  const identified = [...elements(root, 'manifest'), ...elements(root, 'organization'), ...elements(root, 'item'), ...elements(root, 'resource')];
  const seen = new Set<string>();
  for (const element of identified) {
    const id = element.getAttribute('identifier') ?? '';
    if (!isNcName(id)) add('identifier-invalid', `<${element.localName}> identifier "${id}" is not an XML NCName`);
    if (seen.has(id)) add('identifier-duplicate', `identifier "${id}" is used twice`);
    seen.add(id);
  }
  const resources = new Map(elements(root, 'resource').map((element) => [element.getAttribute('identifier') ?? '', element]));
  const organizations = new Set(elements(root, 'organization').map((element) => element.getAttribute('identifier') ?? ''));
  const defaultOrganization = elements(root, 'organizations')[0]?.getAttribute('default');
  if (defaultOrganization && !organizations.has(defaultOrganization)) add('identifierref-dangling', `organizations default="${defaultOrganization}" names no organization`);
  for (const item of elements(root, 'item')) {
    const ref = item.getAttribute('identifierref');
    if (ref !== null && !resources.has(ref)) add('identifierref-dangling', `item "${item.getAttribute('identifier')}" identifierref="${ref}" names no resource`);
  }
  for (const dependency of elements(root, 'dependency')) {
    const ref = dependency.getAttribute('identifierref') ?? '';
    if (!resources.has(ref)) add('identifierref-dangling', `dependency identifierref="${ref}" names no resource`);
  }

  const [rightNs, rightName, wrongName] = options.version === '1.2' ? [adlcp12, 'scormtype', 'scormType'] : [adlcp2004, 'scormType', 'scormtype'];
  for (const [id, resource] of resources) {
    const wrong = Array.from({ length: resource.attributes.length }, (_, index) => resource.attributes.item(index)!).find((attribute) => attribute.localName === wrongName);
    if (wrong) add('scormtype-spelling', `resource "${id}" spells ${wrong.name}; SCORM ${options.version} spells it adlcp:${rightName}`);
    const value = resource.getAttributeNS(rightNs, rightName);
    if (!value) add('scormtype-spelling', `resource "${id}" has no adlcp:${rightName} (sco or asset)`);
    else if (value !== 'sco' && value !== 'asset') add('scormtype-spelling', `resource "${id}" adlcp:${rightName}="${value}" is neither sco nor asset`);
  }

  if (options.version === '1.2') {
    for (const mastery of elements(root, 'masteryscore', adlcp12)) {
      const value = textOf(mastery);
      const number = Number(value);
      if (value === '' || !Number.isFinite(number) || number < 0 || number > 100) add('masteryscore-range', `adlcp:masteryscore "${value}" is not a number from 0 to 100`);
    }
  } else {
    for (const measure of elements(root, 'minNormalizedMeasure', imsss)) {
      const value = textOf(measure);
      const number = Number(value);
      if (value === '' || !Number.isFinite(number) || number < -1 || number > 1) add('measure-range', `imsss:minNormalizedMeasure "${value}" is not a number from -1 to 1`);
    }
    const lom = elements(root, 'lom', lomNs)[0];
    if (!lom) add('metadata-missing', 'the manifest has no LOM metadata (lom:lom)');
    else {
      const general = elements(lom, 'general', lomNs)[0];
      for (const field of ['title', 'description', 'keyword'] as const) {
        if (!general || textOf(elements(general, field, lomNs)[0]) === '') add('metadata-missing', `LOM general.${field} is missing or empty`);
      }
      const duration = textOf(elements(lom, 'typicalLearningTime', lomNs)[0]);
      if (!/^P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/.test(duration))
        add('metadata-missing', `LOM educational.typicalLearningTime "${duration}" is not an ISO 8601 duration`);
    }
  }

  if (options.files) {
    const present = new Set(options.files);
    const listed = new Set<string>();
    for (const resource of resources.values()) {
      const href = resource.getAttribute('href');
      if (href !== null && !present.has(href.split(/[?#]/)[0]!)) add('file-missing', `resource "${resource.getAttribute('identifier')}" href="${href}" is not in the package`);
      for (const file of elements(resource, 'file')) listed.add(file.getAttribute('href') ?? '');
    }
    for (const file of listed) if (!present.has(file)) add('file-missing', `<file href="${file}"> is listed but not in the package`);
    for (const file of present) {
      if (!listed.has(file) && !isControllingDocument(file, options.version)) add('file-unlisted', `${file} is in the package but listed by no resource`);
      if (isRejectedFile(file)) add('file-type-rejected', `${file} is a file type LMSs reject`);
    }
    const locations = (root.getAttributeNS('http://www.w3.org/2001/XMLSchema-instance', 'schemaLocation') ?? '')
      .trim()
      .split(/\s+/)
      .filter((_, index) => index % 2 === 1);
    for (const location of locations) if (!present.has(location)) add('schema-file-missing', `${location} (named in xsi:schemaLocation) is not at the package root`);
    if (!present.has('imsmanifest.xml')) add('file-missing', 'imsmanifest.xml is not at the package root');
  }
  return problems;
}
