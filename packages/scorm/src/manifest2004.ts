import type { PackageSpec, ScoSpec } from './package-spec.js';
import { isoMinutes, xmlEscape as x } from './xml.js';

/** The controlling documents a 2004 4th edition manifest relies on; they ship at the package root. */
export const scorm2004SchemaFiles = [
  'XMLSchema.dtd',
  'adlcp_v1p3.xsd',
  'adlnav_v1p3.xsd',
  'adlseq_v1p3.xsd',
  'datatypes.dtd',
  'imscp_v1p1.xsd',
  'imsss_v1p0.xsd',
  'imsss_v1p0auxresource.xsd',
  'imsss_v1p0control.xsd',
  'imsss_v1p0delivery.xsd',
  'imsss_v1p0limit.xsd',
  'imsss_v1p0objective.xsd',
  'imsss_v1p0random.xsd',
  'imsss_v1p0rollup.xsd',
  'imsss_v1p0seqrule.xsd',
  'imsss_v1p0util.xsd',
  'xml.xsd',
] as const;

/** Local objective id under which an item reads the satisfaction of a prerequisite. */
export function prerequisiteObjectiveId(itemId: string): string {
  return `prereq-${itemId}`;
}

/** minNormalizedMeasure of a percent pass mark: 80 -> 0.8. */
export function normalizedMeasure(percent: number): string {
  return String(Math.round(percent * 100) / 10000);
}

function lom(spec: PackageSpec): string {
  const keywords = spec.keywords.map((word) => `        <keyword><string language="en">${x(word)}</string></keyword>`).join('\n');
  return `    <lom:lom>
      <lom:general>
        <lom:identifier><lom:catalog>pattern-press</lom:catalog><lom:entry>${x(spec.identifier)}</lom:entry></lom:identifier>
        <lom:title><lom:string language="en">${x(spec.title)}</lom:string></lom:title>
        <lom:language>en</lom:language>
        <lom:description><lom:string language="en">${x(spec.description)}</lom:string></lom:description>
${keywords.replace(/<(\/?)(keyword|string)/g, '<$1lom:$2')}
      </lom:general>
      <lom:lifeCycle>
        <lom:version><lom:string language="en">${x(spec.version)}</lom:string></lom:version>
        <lom:status><lom:source>LOMv1.0</lom:source><lom:value>${spec.final ? 'final' : 'draft'}</lom:value></lom:status>
      </lom:lifeCycle>
      <lom:educational>
        <lom:typicalLearningTime><lom:duration>${isoMinutes(spec.minutes)}</lom:duration></lom:typicalLearningTime>
      </lom:educational>
    </lom:lom>`;
}

/**
 * Sequencing of one item: disabled until every prerequisite's global objective
 * is satisfied (an unknown status counts as not satisfied), satisfied by measure
 * at the pass mark, and the content sets completion and success itself.
 */
function itemSequencing(sco: ScoSpec): string {
  const rules =
    sco.prerequisites.length === 0
      ? ''
      : `
          <imsss:sequencingRules>
            <imsss:preConditionRule>
              <imsss:ruleConditions conditionCombination="any">
${sco.prerequisites
  .flatMap(({ itemId: id }) => [
    `                <imsss:ruleCondition referencedObjective="${x(prerequisiteObjectiveId(id))}" operator="not" condition="satisfied"/>`,
    `                <imsss:ruleCondition referencedObjective="${x(prerequisiteObjectiveId(id))}" operator="not" condition="objectiveStatusKnown"/>`,
  ])
  .join('\n')}
              </imsss:ruleConditions>
              <imsss:ruleAction action="disabled"/>
            </imsss:preConditionRule>
          </imsss:sequencingRules>`;
  const measure =
    sco.passMark === undefined
      ? `<imsss:primaryObjective objectiveID="${x(sco.itemId)}-passed" satisfiedByMeasure="false">`
      : `<imsss:primaryObjective objectiveID="${x(sco.itemId)}-passed" satisfiedByMeasure="true">
              <imsss:minNormalizedMeasure>${normalizedMeasure(sco.passMark)}</imsss:minNormalizedMeasure>`;
  const prerequisiteObjectives = sco.prerequisites
    .map(
      ({ itemId, objectiveTarget }) => `
            <imsss:objective objectiveID="${x(prerequisiteObjectiveId(itemId))}">
              <imsss:mapInfo targetObjectiveID="${x(objectiveTarget)}" readSatisfiedStatus="true" writeSatisfiedStatus="false"/>
            </imsss:objective>`,
    )
    .join('');
  return `
        <imsss:sequencing>${rules}
          <imsss:objectives>
            ${measure}
              <imsss:mapInfo targetObjectiveID="${x(sco.objectiveTarget)}" readSatisfiedStatus="false" writeSatisfiedStatus="true"/>
            </imsss:primaryObjective>${prerequisiteObjectives}
          </imsss:objectives>
          <imsss:deliveryControls tracked="true" completionSetByContent="true" objectiveSetByContent="true"/>
        </imsss:sequencing>`;
}

/**
 * The player has its own Previous and Next (between its pages): the LMS hides
 * its flow buttons for this item, so a learner never sees two of each; moving
 * between modules of a course is the LMS menu's job (choice).
 */
const presentation = `
        <adlnav:presentation>
          <adlnav:navigationInterface>
            <adlnav:hideLMSUI>previous</adlnav:hideLMSUI>
            <adlnav:hideLMSUI>continue</adlnav:hideLMSUI>
          </adlnav:navigationInterface>
        </adlnav:presentation>`;

function item(sco: ScoSpec): string {
  return `      <item identifier="${x(sco.itemId)}" identifierref="${x(sco.resourceId)}" isvisible="true">
        <title>${x(sco.title)}</title>${itemSequencing(sco)}${presentation}
      </item>`;
}

function resource(sco: ScoSpec, sharedId: string): string {
  return `    <resource identifier="${x(sco.resourceId)}" type="webcontent" adlcp:scormType="sco" href="${x(sco.launch)}">
${sco.files.map((file) => `      <file href="${x(file)}"/>`).join('\n')}
      <dependency identifierref="${x(sharedId)}"/>
    </resource>`;
}

/** imsmanifest.xml for SCORM 2004 4th edition (IMS CP 1.1.4, ADL CP/SEQ/NAV 1.3, IMS SS 1.0), with LOM metadata. */
export function toScorm2004Manifest(spec: PackageSpec): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="${x(spec.identifier)}" version="${x(spec.version)}"
  xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
  xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
  xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"
  xmlns:imsss="http://www.imsglobal.org/xsd/imsss"
  xmlns:lom="http://ltsc.ieee.org/xsd/LOM"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>2004 4th Edition</schemaversion>
${lom(spec)}
  </metadata>
  <organizations default="${x(spec.organizationId)}">
    <organization identifier="${x(spec.organizationId)}" adlseq:objectivesGlobalToSystem="false">
      <title>${x(spec.title)}</title>
${spec.scos.map(item).join('\n')}
      <imsss:sequencing>
        <imsss:controlMode choice="true" choiceExit="true" flow="true" forwardOnly="false"/>
      </imsss:sequencing>
    </organization>
  </organizations>
  <resources>
${spec.scos.map((sco) => resource(sco, spec.shared.resourceId)).join('\n')}
    <resource identifier="${x(spec.shared.resourceId)}" type="webcontent" adlcp:scormType="asset">
${spec.shared.files.map((file) => `      <file href="${x(file)}"/>`).join('\n')}
    </resource>
  </resources>
</manifest>
`;
}
