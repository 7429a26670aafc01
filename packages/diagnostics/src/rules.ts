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
    what: 'A container directive (`:::name` at the start of a line) that the format does not define, or one used where it does not belong.',
    why: 'Content in an unknown directive would be silently dropped from every output.',
    fix: 'Use a directive from docs/format.md (a close match is suggested). Colons inside text (`09:00`, `key:value`) are text and need no escaping.',
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
    what: "A focus block lacks a part of the seed's anatomy (hook, concept, diagram, code, analogy, practice, solution, reflection).",
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
    what: "An exam question's `yaml answer` fence is missing, unparsable, or refers to ids it does not define.",
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
    what: 'A catalog entry has no module folder (a warning).',
    why: 'The entry is a module not started yet: the timeline plans it at research, but nothing is built for it until its folder exists.',
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
  'dependency-unexplained': {
    what: 'A `depends_on` edge has no reason in `depends_on_reasons` (a warning), or a reason names a module that is not in `depends_on` (an error).',
    why: 'Edges order the course and the schedule; an edge nobody can justify sends learners through modules they do not need, and a stale reason hides a removed edge.',
    fix: 'Say in `depends_on_reasons` what of the other module this one requires (a block, the code, an exam question), or remove the edge or the stale reason.',
  },
  'unknown-person': {
    what: "An author, reviewer or signer is not a member of the catalog's team.",
    why: 'The schedule assigns work to team members.',
    fix: 'Use an id from timeline.team in modules/catalog.yaml.',
  },
  'unknown-reference': {
    what: 'A research source or [@citation] is not in the resource library.',
    why: 'Citations are resolved into the bibliography of every handbook.',
    fix: 'Add the entry to modules/library.yaml or fix the id.',
  },
  'minutes-mismatch': {
    what: "The minutes of the module's parts (focus blocks, integration challenge, case studies, mistakes, checklist, exam) do not add up to its duration.",
    why: "The seed's outline is timed; learners and LMSs are told the duration, and every part takes time.",
    fix: "Adjust the parts' minutes or the duration; every figure is in the message.",
  },
  'term-undefined': {
    what: "A module lists a glossary term in `terms` that no module's `glossary` defines.",
    why: 'Learners meet the same terms across modules; a term used but never defined is one they must look up elsewhere, and the glossary the API, handbook and SCORM player show is missing it.',
    fix: 'Define the term (id, term, definition) in the `glossary` of the module that teaches it, or fix the id (a close match is suggested).',
  },
  'minutes-unbudgeted': {
    what: 'A case study, the mistakes, the checklist or the exam has no `minutes` attribute.',
    why: 'Its time is then missing from the duration: learners are told a module is shorter than it is.',
    fix: 'Give the part `{minutes=N}` (for example `:::::exam{minutes=30}`) and add the minutes to the duration.',
  },
  'outcome-unassessed': {
    what: 'A learning outcome is not assessed by any exam question.',
    why: 'The seed asks that the exam measures every outcome.',
    fix: "Add the outcome id to a question's `outcomes`, or add a question.",
  },
  'outcome-unknown': {
    what: 'A question cites an outcome id the module does not define.',
    why: 'The question would measure nothing the module promises.',
    fix: "Use an id from the front matter's outcomes.",
  },
  'calendar-no-working-day': {
    what: 'The timeline calendar has no working day.',
    why: 'Nothing can ever be scheduled.',
    fix: 'List the working weekdays in timeline.calendar.working_days, e.g. [mon, tue, wed, thu, fri].',
  },
  'schedule-horizon-exceeded': {
    what: 'The remaining authoring work does not fit the planning horizon.',
    why: 'A plan that ends after the horizon is not a plan the team can commit to.',
    fix: 'Raise timeline.horizon_days, add people to the team, or cut scope; the message gives the end date.',
  },
  'schedule-late': {
    what: 'Work the plan from timeline.start put before the status date is not done (a warning).',
    why: 'A plan that silently moves overdue work into the future hides the slip from the team lead.',
    fix: 'Move the modules on (their status), record actual dates, or accept the new dates; the message lists each late task with its due and new end.',
  },
  'no-assignee': {
    what: 'A phase of a module has nobody who may do it (no author, or no reviewer other than its authors).',
    why: 'The scheduler assigns every task to a team member with the right role.',
    fix: 'Add authors to the module, or a member with the needed role to timeline.team.',
  },
  'asset-rejected': {
    what: 'A linked asset has a file type LMSs refuse on import (.php, .sh, .exe, ...).',
    why: 'One such file makes Moodle, Cornerstone and others reject the whole package.',
    fix: 'Remove the link or ship the file in a format LMSs accept (.txt, .zip of sources, ...).',
  },
  'file-outside-module': {
    what: 'A file the module uses is outside its folder: a `../` path, or a symbolic link (module.md, the module folder, an image, a linked file) that resolves elsewhere.',
    why: "Module content may come from anyone's pull request; a link to `/etc/passwd` or to a secret beside the repository would be published in every output.",
    fix: 'Copy the file into the module folder and link it by a relative path; symbolic links are followed only when they stay inside the folder.',
  },
  'file-too-large': {
    what: 'A file is larger than the pipeline accepts (module.md, catalog.yaml, library.yaml, or a linked asset); the message gives both sizes.',
    why: 'Oversized input exhausts memory or time in the build long after the check passed; the limit fails early and says where.',
    fix: 'Split the module, move data out of the front matter, or shrink the asset (compress the image, link a large file from a website instead).',
  },
  'link-unsafe': {
    what: 'A link or image uses a scheme other than http, https or mailto (`javascript:`, `data:`, `file:`, ...), or an absolute or protocol-relative path.',
    why: "Such links run code or read the reader's machine in PDF viewers, e-book readers and browsers.",
    fix: 'Link to an https:// page, or save the file beside module.md and link it by a relative path.',
  },
  'svg-unsafe': {
    what: 'An SVG asset holds scripts, event handlers (`onload=`), embedded HTML, or references to other files or the network.',
    why: 'An SVG is a document that can run scripts where it is opened: the SCORM player, the API server, an e-book reader.',
    fix: 'Export the drawing again as plain SVG (no scripts, no links to other files; embed images as data), or save it as PNG.',
  },
  'output-failed': {
    what: 'An output could not be made: a tool (pandoc, Chromium) failed, ran out of time or memory, or the pipeline hit a bug.',
    why: 'A failed output must stop the build with a message, not a stack trace, and must not replace the previous dist/.',
    fix: 'Run again with PRESS_DEBUG=1 for the details; if the content is not the cause (an oversized part, say), report it.',
  },
  'scorm-option-limit': {
    what: 'A question has more options than SCORM 1.2 can record.',
    why: 'SCORM 1.2 interaction responses identify options by single characters.',
    fix: 'Keep questions to at most 36 options, or accept incomplete 1.2 records.',
  },
  // The seed's checklists, as rules (applied from the status each names; see @pattern-press/checks).
  'research-academic-source': {
    what: 'The research names no academic or original source.',
    why: 'Pre-development checklist: "Read original source/paper".',
    fix: 'Add the original source (paper, book) to research.sources.academic.',
  },
  'research-implementations': {
    what: 'Fewer than three production implementations were reviewed.',
    why: 'Pre-development checklist: "Review 3+ production implementations".',
    fix: 'List at least three in research.production_implementations.',
  },
  'research-failure-cases': {
    what: 'Fewer than two failure cases were analysed.',
    why: 'Pre-development checklist: "Analyze 2+ failure cases".',
    fix: 'List at least two in research.failure_cases.',
  },
  'research-performance': {
    what: 'The research records no performance metrics.',
    why: 'Pre-development checklist: "Benchmark performance impacts".',
    fix: 'Add research.analysis.performance_metrics, each with its value and source.',
  },
  'outcomes-defined': {
    what: 'The module defines no learning outcomes.',
    why: 'Pre-development checklist: "Define learning outcomes"; the exam measures them.',
    fix: 'Add `outcomes:` with an id and a sentence for each.',
  },
  'prerequisites-mapped': {
    what: 'The module lists no prerequisite knowledge.',
    why: 'Pre-development checklist: "Map prerequisite knowledge".',
    fix: 'Add `prerequisites:`, the concepts a learner needs first.',
  },
  'outline-blocks': {
    what: 'The outline has no focus blocks or no integration challenge.',
    why: "The seed's module outline is a sequence of timed focus blocks closed by an integration challenge.",
    fix: 'Add `::::block{#id minutes=N}` sections and a `::::challenge{minutes=N}`.',
  },
  'block-hook': {
    what: 'A focus block has no priming hook.',
    why: 'During-development checklist: "Engaging opening hook".',
    fix: 'Add a `:::hook` to the block.',
  },
  'block-concept': {
    what: 'A focus block has no core concept.',
    why: 'During-development checklist: "Clear core concept explanation".',
    fix: 'Add a `:::concept` to the block.',
  },
  'block-code': {
    what: 'A focus block has no code example.',
    why: 'During-development checklist: "Working code example".',
    fix: 'Add a `:::code{#id file=name}` with the code and its hidden tests.',
  },
  'block-diagram': {
    what: 'A focus block has no diagram.',
    why: 'During-development checklist: "Visual diagram/flowchart".',
    fix: 'Add a ```mermaid fence, usually inside the `:::concept`.',
  },
  'block-analogy': {
    what: 'A focus block has no analogy (neural bridge).',
    why: 'During-development checklist: "Relatable analogy".',
    fix: 'Add a `:::analogy` to the block.',
  },
  'block-practice': {
    what: 'A focus block has no exercise, or an exercise without its solution.',
    why: 'During-development checklist: "Hands-on exercise"; learners check themselves against the solution.',
    fix: 'Add `:::practice` followed by `:::solution`.',
  },
  'block-reflection': {
    what: 'A focus block has no reflection questions.',
    why: 'During-development checklist: "Reflection questions".',
    fix: 'Add a `:::reflection` list.',
  },
  'related-links': {
    what: 'The module does not link to its related patterns.',
    why: 'During-development checklist: "Links to related patterns".',
    fix: 'Add a `:::see-also` section linking `../<slug>/module.md` for each module in `related`.',
  },
  'case-studies': {
    what: 'The module has no case study.',
    why: 'During-development checklist: "Real-world case studies".',
    fix: 'Add a `:::case-study` with a heading.',
  },
  'common-mistakes': {
    what: 'The module has no common-mistakes section.',
    why: 'During-development checklist: "Common mistakes section".',
    fix: 'Add a `:::mistakes` list.',
  },
  'implementation-checklist': {
    what: 'The module has no implementation checklist.',
    why: 'During-development checklist: "Implementation checklist".',
    fix: 'Add a `:::checklist` task list (`- [ ] ...`).',
  },
  'exam-present': {
    what: 'The module has no exam questions.',
    why: "Every module closes with an exam of scenario questions (the seed's day 5).",
    fix: 'Add a `:::::exam` with `::::question`s.',
  },
  'diagram-invalid': {
    what: "A Mermaid diagram does not parse with Mermaid's own parser, or Mermaid cannot draw it (an error). Reported once: by `press check`, which parses every diagram, or else by the first output that tries to draw it, in the same words.",
    why: 'During-development checklist: "Diagrams clear and correct"; a diagram that cannot be drawn would leave a gap (a placeholder, the source as code) in every output, so no output is published while it stands.',
    fix: "Fix the diagram; the message quotes Mermaid's error and is placed on the line Mermaid names (mermaid.live shows the same error).",
  },
  'diagram-too-large': {
    what: 'A Mermaid diagram is larger than the renderer can draw in reasonable time (too many lines, links or bytes).',
    why: 'Layout time grows faster than the diagram: a diagram of a few hundred links takes tens of seconds to render in every output, and larger ones stop the build. The limit is checked on the source, before anything renders.',
    fix: 'Split the diagram into smaller ones (one per idea), or show the detail in a table; the message names the measure over its limit.',
  },
  'link-broken': {
    what: 'A link to another module, an anchor or an asset does not resolve, or an asset path leaves the module folder.',
    why: 'Post-development checklist: "All links working".',
    fix: 'Point the link at an existing module (`../<slug>/module.md`), block id (`#id`) or file beside module.md.',
  },
  'remote-resource': {
    what: 'An image or other embedded resource is loaded from the network.',
    why: 'Outputs are self-contained and builds are offline; nothing is fetched.',
    fix: 'Save the file beside module.md and link it by relative path.',
  },
  'code-fence-language': {
    what: 'A code fence has no language.',
    why: 'Post-development checklist: "Formatting consistent"; code is highlighted by language.',
    fix: 'Name the language after the opening fence: ```python, ```ts, ```yaml, ```text.',
  },
  'block-timing': {
    what: "A block's reading time plus its practice does not fit its minutes.",
    why: 'Pre-development checklist: "Time each section"; During: "Time estimates realistic".',
    fix: 'Trim the block, split it, or give it more minutes; the message shows both figures.',
  },
  'difficulty-progression': {
    what: 'A module depends on a module that is harder than itself.',
    why: 'Pre-development checklist: "Review difficulty progression".',
    fix: "Raise this module's difficulty, or lower or drop the dependency.",
  },
  'code-example-failed': {
    what: 'A runnable code example or its hidden tests failed under `press check --run`.',
    why: 'Pre-development checklist: "Test all code examples"; During: "Code tested and working".',
    fix: 'Fix the code or the test; the message quotes the output.',
  },
  'exam-answer-mismatch': {
    what: "Running an exam scenario against the module's own code gives different states than the model answer.",
    why: 'The model answer must be what the taught implementation actually does.',
    fix: 'Fix the answer or the code; the message lists the step where they differ.',
  },
  'signoff-missing': {
    what: 'Checklist items no program can judge have not been signed off by a named person.',
    why: 'Post-development checklist: code review, accuracy check, learning review; a module is published only with them.',
    fix: 'A reviewer adds `review.signoffs: [{ item, by, date }]` to the front matter after doing the review.',
  },
  'rubric-missing': {
    what: 'A published module has no quality-rubric record.',
    why: 'The Module Quality Rubric decides whether a module is good enough to publish.',
    fix: 'A reviewer adds `review.rubric: [{ reviewer, date, depth, accuracy, ... }]`.',
  },
  'rubric-not-publishable': {
    what: 'A published module has a rubric criterion at needs_work, or accuracy below excellent.',
    why: "The rubric's excellence standards: publish only what is accurate and has no weak criterion.",
    fix: 'Improve the module and have it reviewed again, or move it back to `review`.',
  },
} as const satisfies Record<string, RuleInfo>;

export type RuleId = keyof typeof rules;

export function isRuleId(id: string): id is RuleId {
  return Object.hasOwn(rules, id);
}
