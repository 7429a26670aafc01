import type { PackageSpec, ScoSpec } from './package-spec.js';
import { xmlEscape as x } from './xml.js';

/** The controlling documents a 1.2 manifest names; they ship at the package root. */
export const scorm12SchemaFiles = ['adlcp_rootv1p2.xsd', 'ims_xml.xsd', 'imscp_rootv1p1p2.xsd', 'imsmd_rootv1p2p1.xsd'] as const;

function item(sco: ScoSpec): string {
  // adlcp children in the order adlcp_rootv1p2.xsd lists them: prerequisites, maxtimeallowed, ..., masteryscore.
  const prerequisites =
    sco.prerequisites.length > 0 ? `\n        <adlcp:prerequisites type="aicc_script">${x(sco.prerequisites.map((prerequisite) => prerequisite.itemId).join('&'))}</adlcp:prerequisites>` : '';
  const mastery = sco.passMark === undefined ? '' : `\n        <adlcp:masteryscore>${sco.passMark}</adlcp:masteryscore>`;
  return `      <item identifier="${x(sco.itemId)}" identifierref="${x(sco.resourceId)}" isvisible="true">
        <title>${x(sco.title)}</title>${prerequisites}${mastery}
      </item>`;
}

function resource(sco: ScoSpec, sharedId: string): string {
  return `    <resource identifier="${x(sco.resourceId)}" type="webcontent" adlcp:scormtype="sco" href="${x(sco.launch)}">
${sco.files.map((file) => `      <file href="${x(file)}"/>`).join('\n')}
      <dependency identifierref="${x(sharedId)}"/>
    </resource>`;
}

/** imsmanifest.xml for SCORM 1.2 (IMS CP 1.1.2 + ADL CP 1.2). */
export function toScorm12Manifest(spec: PackageSpec): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="${x(spec.identifier)}" version="${x(spec.version)}"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="${x(spec.organizationId)}">
    <organization identifier="${x(spec.organizationId)}">
      <title>${x(spec.title)}</title>
${spec.scos.map(item).join('\n')}
    </organization>
  </organizations>
  <resources>
${spec.scos.map((sco) => resource(sco, spec.shared.resourceId)).join('\n')}
    <resource identifier="${x(spec.shared.resourceId)}" type="webcontent" adlcp:scormtype="asset">
${spec.shared.files.map((file) => `      <file href="${x(file)}"/>`).join('\n')}
    </resource>
  </resources>
</manifest>
`;
}
