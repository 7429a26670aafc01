/**
 * The one catalogue of diagnostic rule ids. Each entry says what happened,
 * why it matters and what to do; README and `press rules` are generated from it.
 */
export interface RuleInfo {
  /** What the rule reports. */
  readonly what: string;
  /** Why it matters. */
  readonly why: string;
  /** What the author does about it. */
  readonly fix: string;
}

export const rules = {
  'file-unreadable': {
    what: 'The file could not be read.',
    why: 'Nothing can be checked or built from a file the pipeline cannot open.',
    fix: 'Check that the path exists and is readable.',
  },
  'file-empty': {
    what: 'The file is empty.',
    why: 'A module needs at least its front matter.',
    fix: 'Start from `press new <slug>` or copy a module of the same status.',
  },
  'file-binary': {
    what: 'The file is not UTF-8 text.',
    why: 'Modules are Markdown; a binary file (an image saved as module.md, say) cannot be parsed.',
    fix: 'Save the file as UTF-8 text, or move the binary beside module.md as an asset.',
  },
  'yaml-syntax': {
    what: 'The YAML does not parse.',
    why: 'Nothing after a syntax error can be read reliably.',
    fix: 'Fix the syntax at the reported place: indentation, an unclosed quote, a tab, a duplicate key.',
  },
  'frontmatter-missing': {
    what: 'The module has no YAML front matter.',
    why: 'The metadata (slug, title, status, ...) lives in the front matter.',
    fix: 'Start the file with a `---` line, the metadata, and another `---` line.',
  },
  'frontmatter-not-mapping': {
    what: 'The front matter (or YAML file) is not a mapping of keys to values.',
    why: 'Every key of the module metadata is looked up by name.',
    fix: 'Write `key: value` lines, not a list or a bare scalar.',
  },
  'schema-unknown-key': {
    what: 'A key the schema does not define.',
    why: 'Unknown keys are almost always typos, and a typo silently drops data.',
    fix: 'Use the suggested key, or remove it. See schemas/*.schema.json for every key.',
  },
  'schema-required': {
    what: 'A required key or part is missing.',
    why: 'Every output needs it.',
    fix: 'Add it; docs/format.md shows every key with an example.',
  },
  'schema-type': {
    what: 'A value has the wrong type (text where a number belongs, a list where a mapping belongs).',
    why: 'Outputs read typed values.',
    fix: 'Write the value in the type the message names.',
  },
  'schema-enum': {
    what: 'A value is not one of the allowed values.',
    why: 'Categories, statuses and levels are closed vocabularies that outputs and schedules rely on.',
    fix: 'Use one of the listed values (a close match is suggested).',
  },
  'schema-format': {
    what: 'A value does not have the required format (a date, a URL, an identifier).',
    why: 'Dates feed the schedule, identifiers end up in SCORM manifests and URLs.',
    fix: 'Write dates as YYYY-MM-DD and identifiers as a letter followed by letters, digits, - or _.',
  },
  'schema-value': {
    what: 'A value is out of range or otherwise invalid for the schema.',
    why: 'The schema encodes what outputs can represent.',
    fix: 'Change the value as the message says.',
  },
  'directive-unknown': {
    what: 'A directive (`:::name`) that the format does not define, or one used where it does not belong.',
    why: 'Content in an unknown directive would be silently dropped from every output.',
    fix: 'Use a directive from docs/format.md (a close match is suggested). A literal colon before a word can be escaped as `\\:`.',
  },
  'directive-attribute-unknown': {
    what: 'A directive attribute the format does not define.',
    why: 'Misspelt attributes (`minute=25`) would be ignored.',
    fix: 'Use the attributes docs/format.md lists for the directive.',
  },
  'directive-duplicate': {
    what: 'A part that may appear once appears twice in the same block or question.',
    why: 'Outputs show one hook, one concept, one practice per block.',
    fix: 'Merge the two parts or split the block.',
  },
  'block-missing-title': {
    what: 'A focus block, challenge or case study has no heading.',
    why: 'The title appears in the outline, the table of contents, slides and SCORM pages.',
    fix: 'Start the block with a heading, e.g. `## Circuit Breaker Mechanics`.',
  },
  'block-missing-part': {
    what: 'A focus block lacks a part of the seed\'s anatomy (hook, concept, diagram, code, analogy, practice, solution, reflection).',
    why: 'Every block follows the same learning sequence; a missing part breaks it.',
    fix: 'Add the part as a directive inside the block.',
  },
  'content-outside-directive': {
    what: 'Markdown outside any directive (other than the title heading).',
    why: 'Only content inside a directive has a place in the canonical document; anything else would appear in no output.',
    fix: 'Move it into a part (`:::concept`, `:::case-study`, ...) or delete it.',
  },
  'raw-html': {
    what: 'Raw HTML in Markdown.',
    why: 'Modules are published to LMSs, portals and PDFs; raw HTML can carry scripts and breaks formats that are not HTML.',
    fix: 'Write it in Markdown (tables, emphasis, images) instead.',
  },
  'internal-error': {
    what: 'The parser failed unexpectedly on this file.',
    why: 'This is a bug in Pattern Press, not in your content.',
    fix: 'Report it with the file attached; the message holds the internal error.',
  },
  'answer-invalid': {
    what: 'An exam question\'s `yaml answer` fence is missing, unparsable, or refers to ids it does not define.',
    why: 'Questions are graded automatically in SCORM and the API.',
    fix: 'Give each question one ```yaml answer fence whose correct ids name its choices, items or states.',
  },
  'duplicate-id': {
    what: 'Two things share an id that must be unique (outcomes, questions, blocks, code examples, slugs, library entries).',
    why: 'Ids become anchors, SCORM identifiers and API keys; a duplicate makes one unreachable.',
    fix: 'Rename one; the second location is shown as a note.',
  },
  'slug-mismatch': {
    what: 'The front matter slug differs from the folder name.',
    why: 'Paths, links and URLs are derived from the folder name.',
    fix: 'Make the slug equal the folder name.',
  },
  'catalog-mismatch': {
    what: 'The module repeats a catalog field (category, priority, complexity, depends_on, real_examples) with a different value.',
    why: 'The catalog is the source of these fields; two values would disagree across outputs.',
    fix: 'Remove the field from the front matter or make it equal the catalog.',
  },
  'catalog-missing-folder': {
    what: 'A catalog entry has no module folder.',
    why: 'The entry would appear in the catalog and the timeline with nothing behind it.',
    fix: 'Create the folder with `press new <slug>`, or remove the entry.',
  },
  'catalog-missing-entry': {
    what: 'A module folder has no catalog entry.',
    why: 'Category, priority and dependencies come from the catalog.',
    fix: 'Add an entry for the slug to modules/catalog.yaml.',
  },
  'unknown-module': {
    what: 'A `depends_on` or `related` names a module that is not in the catalog.',
    why: 'Dependencies drive the schedule and the SCORM course sequencing.',
    fix: 'Use a slug from the catalog (a close match is suggested).',
  },
  'dependency-cycle': {
    what: 'Modules depend on each other in a cycle.',
    why: 'No order of writing or learning satisfies a cycle.',
    fix: 'Remove one edge of the cycle; every edge is listed.',
  },
  'unknown-person': {
    what: 'An author, reviewer or signer is not a member of the catalog\'s team.',
    why: 'The schedule assigns work to team members.',
    fix: 'Use an id from timeline.team in modules/catalog.yaml.',
  },
  'unknown-reference': {
    what: 'A research source or [@citation] is not in the resource library.',
    why: 'Citations are resolved into the bibliography of every handbook.',
    fix: 'Add the entry to modules/library.yaml or fix the id.',
  },
  'minutes-mismatch': {
    what: 'The focus blocks and the integration challenge do not add up to the module\'s duration.',
    why: 'The seed\'s outline is timed; learners and LMSs are told the duration.',
    fix: 'Adjust the block minutes or the duration; both figures are in the message.',
  },
  'outcome-unassessed': {
    what: 'A learning outcome is not assessed by any exam question.',
    why: 'The seed asks that the exam measures every outcome.',
    fix: 'Add the outcome id to a question\'s `outcomes`, or add a question.',
  },
  'outcome-unknown': {
    what: 'A question cites an outcome id the module does not define.',
    why: 'The question would measure nothing the module promises.',
    fix: 'Use an id from the front matter\'s outcomes.',
  },
} as const satisfies Record<string, RuleInfo>;

export type RuleId = keyof typeof rules;

export function isRuleId(id: string): id is RuleId {
  return Object.hasOwn(rules, id);
}
