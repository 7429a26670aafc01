import { describe, expect, it } from 'vitest';
import { diagramAlt, diagramCaption, diagramText, figureHtml } from './figures.js';
import { topToBottom, uprightLabelPoints } from './diagram-layout.js';
import { hyphenated } from './hyphenation.js';

const svg =
  '<svg id="d" width="100%" viewBox="0 0 400 200" role="graphics-document document" aria-roledescription="stateDiagram"><style>#d{font-size:16px;}</style><text>Closed</text><text>Open &amp; failing</text><text>Closed</text></svg>';

describe('figures', () => {
  it("takes the caption and description from Mermaid's accTitle and accDescr", () => {
    const text = diagramText("stateDiagram-v2\n  accTitle: The breaker's states\n  accDescr: Three states, two thresholds\n  [*] --> Closed");
    expect(text).toEqual({ title: "The breaker's states", description: 'Three states, two thresholds' });
    expect(diagramCaption(svg, text, 'Mechanics')).toBe("The breaker's states");
    expect(diagramAlt(svg, text)).toBe('Three states, two thresholds');
  });

  it('without them, names the kind and section, and lists the labels as the alternative', () => {
    expect(diagramCaption(svg, {}, 'Mechanics')).toBe('State diagram: Mechanics');
    expect(diagramAlt(svg, {})).toBe('State diagram: Closed; Open & failing');
    const html = figureHtml(svg, '3.2', 'State diagram: Mechanics', 'State diagram: Closed');
    expect(html).toContain('<figcaption><span class="figure-no">Figure 3.2:</span> State diagram: Mechanics</figcaption>');
    expect(html).toContain('role="img" aria-label="State diagram: Closed"');
    expect(html).not.toContain('graphics-document');
  });

  it('prints labels at 9 pt at most, never enlarged, smaller only as the column requires', () => {
    expect(uprightLabelPoints(svg)).toBeCloseTo(9);
    expect(uprightLabelPoints(svg.replace('0 0 400 200', '0 0 1600 200'))).toBeCloseTo((12 * 481.9) / 1200, 1);
  });

  it('redraws a left-to-right flowchart top to bottom, and nothing else', () => {
    expect(topToBottom('%% note\nflowchart LR\n  A --> B')).toBe('%% note\nflowchart TB\n  A --> B');
    expect(topToBottom('graph RL;\n  A --> B')).toBe('graph TB;\n  A --> B');
    expect(topToBottom('flowchart TD\n  A --> B')).toBeUndefined();
    expect(topToBottom('sequenceDiagram\n  A->>B: hi')).toBeUndefined();
  });
});

describe('hyphenated', () => {
  it('puts soft hyphens into long plain words of the text, not into headings, links or code', () => {
    const blocks = hyphenated([
      {
        t: 'Para',
        c: [{ t: 'Str', c: 'implementation' }, { t: 'Space' }, { t: 'Link', c: [['', [], []], [{ t: 'Str', c: 'recommendations' }], ['#x', '']] }, { t: 'Code', c: [['', [], []], 'implementation'] }],
      },
      { t: 'Header', c: [2, ['', [], []], [{ t: 'Str', c: 'implementation' }]] },
    ]);
    expect(JSON.stringify(blocks)).toContain('im\u00adple\u00adment\u00ada\u00adtion');
    expect((blocks[0]!.c as { c: unknown }[])[2]).toEqual({ t: 'Link', c: [['', [], []], [{ t: 'Str', c: 'recommendations' }], ['#x', '']] });
    expect(blocks[1]).toEqual({ t: 'Header', c: [2, ['', [], []], [{ t: 'Str', c: 'implementation' }]] });
  });
});

describe('epubSvg', () => {
  it('gives placeholder rectangles their required size, and drops what the EPUB profile forbids', async () => {
    const { epubSvg } = await import('./figures.js');
    expect(epubSvg('<svg><rect class="a" name="C" x="1"/><rect width="2" height="3"></rect><circle r="7" width="14" height="14"></circle></svg>')).toBe(
      '<svg><rect height="0" width="0" class="a" x="1"/><rect width="2" height="3"></rect><circle r="7"></circle></svg>',
    );
  });
});
