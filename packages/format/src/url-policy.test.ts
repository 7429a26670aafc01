import { describe, expect, it } from 'vitest';
import { parse, placesAndRules, validBlock, validFrontMatter } from './test-helpers.js';
import { linkUrlProblem } from './url-policy.js';

describe('linkUrlProblem', () => {
  it('allows http, https, mailto and relative links', () => {
    for (const url of ['https://example.com/a?b#c', 'HTTP://EXAMPLE.COM', 'mailto:team@example.com', 'img/a.png', '../other/module.md#x', '#block', 'a:b/c.png'.replace(':', '%3A')]) {
      expect(linkUrlProblem(url), url).toBeUndefined();
    }
  });

  it('refuses every other scheme, however it is disguised', () => {
    for (const url of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      ' javascript:alert(1)',
      'java\tscript:alert(1)',
      'java\nscript:x',
      '\u0000javascript:x',
      'data:text/html,<script>x</script>',
      'data:image/png;base64,AAAA',
      'file:///etc/passwd',
      'vbscript:msgbox',
      'blob:https://x/y',
      'ftp://x/y',
    ]) {
      expect(linkUrlProblem(url), JSON.stringify(url)).toMatch(/links are not allowed/);
    }
  });

  it('refuses protocol-relative and absolute paths', () => {
    expect(linkUrlProblem('//evil.example/x')).toMatch(/protocol-relative/);
    expect(linkUrlProblem('\\\\evil\\share')).toMatch(/protocol-relative/);
    expect(linkUrlProblem('/etc/passwd')).toMatch(/absolute paths/);
  });
});

describe('link-unsafe in a module', () => {
  it('reports each form at its place: inline, entity-encoded, autolink, reference definition, image, file:', () => {
    const body = `${validFrontMatter}${validBlock}
::::block{#second minutes=0}
## Second

:::concept
Plain [a](javascript:alert(1)) and encoded [b](&#106;avascript:alert(2)) and
autolink <javascript:alert(3)> and [ref][r] and ![img](data:image/svg+xml;base64,PHN2Zz4=)
and [local](file:///etc/passwd) and [fine](https://example.com).

[r]: javascript:alert(4)
:::
::::
`;
    const parsed = parse(body);
    const unsafe = placesAndRules(parsed).filter((line) => line.endsWith('link-unsafe'));
    const start = body.split('\n').findIndex((line) => line.startsWith('Plain [a]')) + 1;
    expect(unsafe).toEqual([
      `${start}:7 link-unsafe`,
      `${start}:44 link-unsafe`,
      `${start + 1}:10 link-unsafe`,
      `${start + 1}:49 link-unsafe`,
      `${start + 2}:5 link-unsafe`,
      `${start + 4}:1 link-unsafe`,
    ]);
    const reasons = parsed.file.messages.filter((m) => m.ruleId === 'link-unsafe').map((m) => m.reason);
    expect(reasons[1]).toContain('`javascript:` links are not allowed: `javascript:alert(2)`');
    expect(reasons[4]).toContain('`file:` links are not allowed');
    expect(parsed.valid).toBe(false);
  });
});
