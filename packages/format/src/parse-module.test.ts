import { sharedValidators } from '@pattern-press/schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lines, parse, placesAndRules, validBlock, validFrontMatter } from './test-helpers.js';

const valid = validFrontMatter + validBlock;

describe('parseModule on a valid module', () => {
  const parsed = parse(valid);

  it('reports nothing and returns a schema-valid canonical document', () => {
    expect(lines(parsed)).toEqual([]);
    expect(parsed.valid).toBe(true);
    expect(sharedValidators().validate('module', parsed.document)).toEqual([]);
  });

  it('reads the block anatomy', () => {
    const block = parsed.document!.blocks[0]!;
    expect(block).toMatchObject({ id: 'first', title: 'First block', minutes: 20 });
    expect(block.hook?.markdown).toBe('Why care?');
    expect(block.practice?.solution?.markdown).toBe('4');
    expect(block.reflection?.items).toEqual(['When would you not add?']);
    expect(block.diagrams).toHaveLength(1);
    expect(block.diagrams[0]).toMatchObject({ kind: 'flowchart', id: expect.stringMatching(/^d-[0-9a-f]{12}$/) });
    expect(block.code[0]).toMatchObject({ id: 'adder', language: 'python', file: 'adder.py', runnable: true, caption: 'Adds numbers.' });
    expect(block.code[0]!.tests[0]!.source).toContain('assert add(1, 2) == 3');
  });

  it('reads the exam with its typed answer and the pass mark from the front matter', () => {
    const exam = parsed.document!.exam!;
    expect(exam.pass_mark).toBe(80);
    expect(exam.questions[0]).toMatchObject({ id: 'q-add', type: 'single', outcomes: ['apply'], answer: { correct: 'two' } });
    expect(exam.questions[0]!.model_answer.markdown).toBe('Two.');
  });

  it('moves the front matter’s assessment settings into the exam, and refuses unknown ones', () => {
    const withSettings = parse(valid.replace('pass_mark: 80\n', 'pass_mark: 80\nassessment: { attempts: 3, show_answers: always, result: last }\n'));
    expect(lines(withSettings)).toEqual([]);
    expect(withSettings.document!.exam!.assessment).toEqual({ attempts: 3, show_answers: 'always', result: 'last' });
    expect((withSettings.document as unknown as Record<string, unknown>).assessment).toBeUndefined();
    const wrong = parse(valid.replace('pass_mark: 80\n', 'pass_mark: 80\nassessment: { attempts: 0, shuffle: yes }\n'));
    expect(wrong.valid).toBe(false);
    expect(lines(wrong).join('\n')).toMatch(/attempts|shuffle/);
  });

  it('fills defaults the seed gives (effort) and keeps positions', () => {
    expect(parsed.document!.effort).toEqual({ research: 1, outline: 1, content: 3, exam: 2, review: 1 });
    expect(parsed.document!.blocks[0]!.position).toEqual({ line: 23, column: 1 });
  });
});

describe("parseModule: what a block's slides say", () => {
  it('reads `:::slides` as the author wrote it, with the steps opt-in, and keeps it schema-valid', () => {
    const withSlides = valid.replace(':::code{#adder', ':::slides{steps=true}\n### Adding\n\n- sum two numbers\n:::\n\n:::code{#adder');
    const parsed = parse(withSlides);
    expect(lines(parsed)).toEqual([]);
    expect(parsed.document!.blocks[0]!.slides).toMatchObject({ markdown: '### Adding\n\n- sum two numbers', steps: true });
    expect(sharedValidators().validate('module', parsed.document)).toEqual([]);
    expect(parse(valid).document!.blocks[0]!.slides).toBeUndefined();
  });
});

describe('parseModule on bad input', () => {
  it('malformed YAML: a yaml-syntax error at its line', () => {
    const parsed = parse('---\ntitle: [unclosed\nslug: x\n---\n');
    expect(placesAndRules(parsed)[0]).toMatch(/^[23]:\d+ yaml-syntax$/);
    expect(parsed.document).toBeUndefined();
  });

  it('front matter that is not a mapping', () => {
    expect(placesAndRules(parse('---\n- a\n- b\n---\n'))).toEqual(['2:1 frontmatter-not-mapping']);
  });

  it('an empty file', () => {
    expect(placesAndRules(parse(''))).toEqual(['1:1 file-empty']);
    expect(placesAndRules(parse('  \n\n'))).toEqual(['1:1 file-empty']);
  });

  it('a binary file', () => {
    expect(placesAndRules(parse(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0x00])))).toEqual(['1:1 file-binary']);
    // A NUL is reported where it is (here the second character), not at the file's start.
    expect(placesAndRules(parse(new Uint8Array([0x2d, 0x00, 0x2d])))).toEqual(['1:2 file-binary']);
  });

  it('no front matter', () => {
    expect(placesAndRules(parse('# Just a title\n'))).toEqual(['1:1 frontmatter-missing']);
  });

  it('an unknown key, at the key, with a suggestion', () => {
    const parsed = parse(valid.replace('tagline:', 'tagline:').replace('duration: 30', 'duraton: 30'));
    expect(lines(parsed)).toEqual([
      'demo/module.md:1:1: error schema-required: missing required key `duration`',
      'demo/module.md:10:1: error schema-unknown-key: unknown key `duraton` (did you mean `duration`?)',
    ]);
  });

  it('a wrong type, at the value', () => {
    const parsed = parse(valid.replace('duration: 30', 'duration: half an hour'));
    expect(lines(parsed)).toEqual(['demo/module.md:10:11: error schema-type: `duration` must be an integer, not a string (`half an hour`)']);
  });

  it('a misspelt enum value, with did-you-mean', () => {
    const parsed = parse(valid.replace('category: resilience', 'category: resilence'));
    expect(lines(parsed)[0]).toMatch(/^demo\/module\.md:6:11: error schema-enum: .*\(did you mean `resilience`\?\)$/);
  });

  it('an unknown directive, with did-you-mean, at the directive', () => {
    const parsed = parse(valid.replace(':::analogy', ':::analogie'));
    expect(lines(parsed)).toContain('demo/module.md:53:1: error directive-unknown: unknown directive `:::analogie` (did you mean `analogy`?)');
  });

  it('a part in the wrong place', () => {
    const parsed = parse(`${valid}\n:::hook\nstray\n:::\n`);
    expect(lines(parsed)).toEqual([
      'demo/module.md:101:1: error directive-unknown: `:::hook` cannot appear at the top level of a module (here: :::block, :::challenge, :::case-study, :::mistakes, :::checklist, :::see-also, :::exam)',
    ]);
  });

  it('a colon before a word in prose is text: the format has no text directives', () => {
    const parsed = parse(valid.replace('Why care?', 'Status:Closed'));
    expect(lines(parsed)).toEqual([]);
    expect(parsed.document!.blocks[0]!.hook!.markdown).toBe('Status:Closed');
  });

  it('a block without a title', () => {
    const parsed = parse(valid.replace('## First block\n', ''));
    expect(lines(parsed)).toEqual(['demo/module.md:23:1: error block-missing-title: focus block has no title: start it with a heading']);
  });

  it('a block without minutes, with the syntax as hint', () => {
    const parsed = parse(valid.replace('{#first minutes=20}', '{#first}'));
    expect(lines(parsed)).toEqual(['demo/module.md:23:1: error schema-required: missing required key `minutes` in item 1 of `blocks` (write `::::block{#name minutes=25}`)']);
  });

  it('a misspelt directive attribute', () => {
    const parsed = parse(valid.replace('{#first minutes=20}', '{#first minutes=20 minute=3}'));
    expect(lines(parsed)).toEqual(['demo/module.md:23:1: error directive-attribute-unknown: unknown attribute `minute` on `:::block` (did you mean `minutes`?)']);
  });

  it('duplicate outcome ids, with the first as a note', () => {
    const parsed = parse(valid.replace('    text: Apply the demo pattern\n', '    text: Apply the demo pattern\n  - id: apply\n    text: Again\n'));
    expect(lines(parsed)).toEqual(['demo/module.md:15:9: error duplicate-id: outcome id `apply` is used twice\n  demo/module.md:13:9: note: first used here']);
  });

  it('duplicate question ids', () => {
    const exam = validBlock.slice(validBlock.indexOf('::::question'), validBlock.lastIndexOf(':::::'));
    const parsed = parse(valid.replace(/:::::\n$/, `${exam}:::::\n`));
    expect(lines(parsed)).toEqual(['demo/module.md:99:1: error duplicate-id: question id `q-add` is used twice\n  demo/module.md:76:1: note: first used here']);
  });

  it('a correct answer that names no choice', () => {
    const parsed = parse(valid.replace('correct: two', 'correct: three'));
    expect(lines(parsed)).toEqual(["demo/module.md:84:10: error answer-invalid: `three` is not one of the question's choices"]);
  });

  it('a question without its yaml answer fence', () => {
    const parsed = parse(valid.replace('```yaml answer', '```yaml'));
    expect(lines(parsed)).toEqual(['demo/module.md:76:1: error answer-invalid: the question has no ```yaml answer fence']);
  });

  it('raw HTML is rejected, comments are not', () => {
    const parsed = parse(valid.replace('The idea.', 'The <script>alert(1)</script> idea.\n\n<!-- an author note -->'));
    expect(placesAndRules(parsed)).toEqual(['31:5 raw-html', '31:21 raw-html']);
  });

  it('a catalog field that disagrees with the catalog names both places', () => {
    const entry = {
      value: { slug: 'demo', title: 'Demo', category: 'scaling' as const, priority: 1, complexity: 'medium' as const, depends_on: [], real_examples: [] },
      index: 0,
      path: '/m/catalog.yaml',
      places: { category: { line: 9, column: 15 } },
    };
    const parsed = parse(valid, { catalogEntry: entry });
    expect(lines(parsed)).toEqual([
      'demo/module.md:6:11: error catalog-mismatch: `category` is "resilience" here but "scaling" in the catalog (the catalog is the source of this field: remove it here)\n  catalog.yaml:9:15: note: the catalog entry',
    ]);
    expect(parsed.document!.category).toBe('scaling');
  });

  it('a slug that differs from its folder', () => {
    expect(placesAndRules(parse(valid, {}, '/m/other/module.md'))).toEqual(['2:7 slug-mismatch']);
  });

  it('reports every problem of a file in one run', () => {
    const broken = valid.replace('duration: 30', 'duration: x').replace(':::analogy', ':::analogie').replace('correct: two', 'correct: nine');
    expect(placesAndRules(parse(broken)).sort()).toEqual(['10:11 schema-type', '53:1 directive-unknown', '84:10 answer-invalid']);
  });
});

describe('parseModule never throws', () => {
  const markdownPieces = fc.constantFrom(
    '::::block{#a minutes=5}\n',
    '::::\n',
    ':::hook\n',
    ':::\n',
    ':::code{#c}\n',
    '```python\n',
    '```\n',
    '```yaml answer\n',
    ':::::exam\n',
    '::::question{#q type=single outcomes=a}\n',
    '## Title\n',
    '- item\n',
    '[x](../y/module.md)\n',
    '<div>\n',
    ':x\n',
    'text [@ref]\n',
    '---\n',
    'key: [1, 2\n',
    '\t\n',
    '\u0000',
    'correct: a\n',
    'choices: 3\n',
  );

  it('returns a document or diagnostics for random Markdown and YAML', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(markdownPieces, fc.string()), { maxLength: 40 }), fc.boolean(), (pieces, withFrontMatter) => {
        const text = (withFrontMatter ? validFrontMatter : '') + pieces.join('');
        const parsed = parse(text);
        expect(parsed.file.messages.every((m) => m.ruleId !== 'internal-error')).toBe(true);
        expect(parsed.document !== undefined || parsed.file.messages.length > 0).toBe(true);
      }),
      { numRuns: 400 },
    );
  }, 300_000);

  it('survives random YAML front matter', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string(), (value, raw) => {
        for (const text of [`---\n${JSON.stringify(value)}\n---\n`, `---\n${raw}\n---\n`]) {
          const parsed = parse(text);
          expect(parsed.file.messages.every((m) => m.ruleId !== 'internal-error')).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  }, 300_000);
});
