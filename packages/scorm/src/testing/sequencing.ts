// An LMS's reading of the course manifest's sequencing, for tests: which items
// a precondition disables given the global objectives, and what a finished SCO
// writes to them (IMS SS: satisfiedByMeasure, mapInfo, ruleCondition evaluation).
import { DOMParser, type Element } from '@xmldom/xmldom';

const imsss = 'http://www.imsglobal.org/xsd/imsss';
const adlcp12 = 'http://www.adlnet.org/xsd/adlcp_rootv1p2';

type Tri = boolean | undefined;

function all(root: Element, name: string, ns: string): Element[] {
  const list = root.getElementsByTagNameNS(ns, name);
  return Array.from({ length: list.length }, (_, index) => list.item(index)!);
}

function items(xml: string): Element[] {
  const document = new DOMParser().parseFromString(xml, 'text/xml');
  const list = document.getElementsByTagNameNS('*', 'item');
  return Array.from({ length: list.length }, (_, index) => list.item(index)!);
}

/** Item ids disabled by a precondition rule, for a map of global objective -> satisfied (undefined: unknown). */
export function disabledItems(xml: string, globals: ReadonlyMap<string, boolean>): string[] {
  const disabled: string[] = [];
  for (const item of items(xml)) {
    const objectives = new Map<string, Tri>();
    for (const objective of [...all(item, 'primaryObjective', imsss), ...all(item, 'objective', imsss)]) {
      const read = all(objective, 'mapInfo', imsss).find((map) => map.getAttribute('readSatisfiedStatus') === 'true');
      objectives.set(objective.getAttribute('objectiveID') ?? '', read ? globals.get(read.getAttribute('targetObjectiveID') ?? '') : undefined);
    }
    for (const rule of all(item, 'preConditionRule', imsss)) {
      if (all(rule, 'ruleAction', imsss)[0]?.getAttribute('action') !== 'disabled') continue;
      const group = all(rule, 'ruleConditions', imsss)[0]!;
      const values: Tri[] = all(group, 'ruleCondition', imsss).map((condition) => {
        const status = objectives.get(condition.getAttribute('referencedObjective') ?? '');
        const kind = condition.getAttribute('condition');
        let value: Tri = kind === 'satisfied' ? status : kind === 'objectiveStatusKnown' ? status !== undefined : undefined;
        if (condition.getAttribute('operator') === 'not' && value !== undefined) value = !value;
        return value;
      });
      const combined = group.getAttribute('conditionCombination') === 'any' ? values.some((value) => value === true) : values.every((value) => value === true);
      if (combined) disabled.push(item.getAttribute('identifier')!);
    }
  }
  return disabled;
}

/**
 * What an item's primary objective writes to its global objective when its SCO ends:
 * with satisfiedByMeasure, scaled score against minNormalizedMeasure; otherwise success_status.
 */
export function writtenObjectives(xml: string, itemId: string, cmi: { scaled?: number | undefined; success?: string | undefined }): Map<string, boolean> {
  const written = new Map<string, boolean>();
  const item = items(xml).find((candidate) => candidate.getAttribute('identifier') === itemId)!;
  const primary = all(item, 'primaryObjective', imsss)[0]!;
  let satisfied: Tri = cmi.success === 'passed' ? true : cmi.success === 'failed' ? false : undefined;
  if (primary.getAttribute('satisfiedByMeasure') === 'true' && cmi.scaled !== undefined) {
    satisfied = cmi.scaled >= Number(all(primary, 'minNormalizedMeasure', imsss)[0]?.textContent ?? '1');
  }
  for (const map of all(primary, 'mapInfo', imsss)) {
    if (map.getAttribute('writeSatisfiedStatus') === 'true' && satisfied !== undefined) written.set(map.getAttribute('targetObjectiveID')!, satisfied);
  }
  return written;
}

/** SCORM 1.2 adlcp:prerequisites (aicc_script with & only): items whose prerequisites are not passed or completed. */
export function lockedItems12(xml: string, statuses: ReadonlyMap<string, string>): string[] {
  return items(xml)
    .filter((item) => {
      const script = all(item, 'prerequisites', adlcp12)[0]?.textContent?.trim();
      if (!script) return false;
      return script.split('&').some((id) => !['passed', 'completed'].includes(statuses.get(id.trim()) ?? 'not attempted'));
    })
    .map((item) => item.getAttribute('identifier')!);
}

/**
 * The LMS's import of a 2004 organization into scorm-again's sequencing settings
 * (its activityTree format): items, precondition rules, objectives with their maps,
 * delivery controls, and the organization's control mode.
 */
export function toActivityTree(xml: string): Record<string, unknown> {
  const document = new DOMParser().parseFromString(xml, 'text/xml');
  const organization = document.getElementsByTagNameNS('*', 'organization').item(0)!;
  const bool = (element: Element | undefined, name: string) => ((element?.getAttribute(name) ?? undefined) === undefined ? undefined : element!.getAttribute(name) === 'true');
  const objective = (element: Element, isPrimary: boolean) => ({
    objectiveID: element.getAttribute('objectiveID'),
    isPrimary,
    satisfiedByMeasure: element.getAttribute('satisfiedByMeasure') === 'true',
    ...(all(element, 'minNormalizedMeasure', imsss)[0] ? { minNormalizedMeasure: Number(all(element, 'minNormalizedMeasure', imsss)[0]!.textContent) } : {}),
    mapInfo: all(element, 'mapInfo', imsss).map((map) => ({
      targetObjectiveID: map.getAttribute('targetObjectiveID'),
      readSatisfiedStatus: map.getAttribute('readSatisfiedStatus') === 'true',
      writeSatisfiedStatus: map.getAttribute('writeSatisfiedStatus') === 'true',
    })),
  });
  const children = items(xml).map((item) => {
    const rules = all(item, 'preConditionRule', imsss).map((rule) => ({
      action: all(rule, 'ruleAction', imsss)[0]!.getAttribute('action'),
      conditionCombination: all(rule, 'ruleConditions', imsss)[0]!.getAttribute('conditionCombination') ?? 'all',
      conditions: all(rule, 'ruleCondition', imsss).map((condition) => ({
        condition: condition.getAttribute('condition'),
        ...(condition.getAttribute('operator') ? { operator: condition.getAttribute('operator') } : {}),
        ...(condition.getAttribute('referencedObjective') ? { referencedObjective: condition.getAttribute('referencedObjective') } : {}),
      })),
    }));
    const delivery = all(item, 'deliveryControls', imsss)[0];
    return {
      id: item.getAttribute('identifier'),
      title: all(item, 'title', '*')[0]?.textContent ?? '',
      ...(rules.length > 0 ? { sequencingRules: { preConditionRules: rules } } : {}),
      primaryObjective: objective(all(item, 'primaryObjective', imsss)[0]!, true),
      objectives: all(item, 'objective', imsss).map((element) => objective(element, false)),
      deliveryControls: { completionSetByContent: bool(delivery, 'completionSetByContent'), objectiveSetByContent: bool(delivery, 'objectiveSetByContent') },
    };
  });
  const control = all(organization, 'controlMode', imsss).at(-1);
  return {
    id: organization.getAttribute('identifier'),
    title: all(organization, 'title', '*')[0]?.textContent ?? '',
    sequencingControls: { choice: bool(control, 'choice'), flow: bool(control, 'flow'), choiceExit: bool(control, 'choiceExit'), forwardOnly: bool(control, 'forwardOnly') },
    children,
  };
}
