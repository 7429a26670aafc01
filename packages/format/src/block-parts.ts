import type { Block } from '@pattern-press/schema';

/**
 * A focus block's parts in reading order, with the label a reader sees in every
 * output (handbook, SCORM player, slides). `code` is the block's code examples;
 * `solution` is the practice's worked solution, an answer the learner search leaves out.
 */
export const blockParts = [
  { name: 'summary', label: 'Summary' },
  { name: 'hook', label: 'Hook' },
  { name: 'concept', label: 'Concept' },
  { name: 'code', label: 'Code' },
  { name: 'analogy', label: 'Analogy' },
  { name: 'practice', label: 'Practice' },
  { name: 'solution', label: 'Solution' },
  { name: 'reflection', label: 'Reflection' },
] as const;

export type BlockPartName = (typeof blockParts)[number]['name'];
export type BlockTextPartName = Exclude<BlockPartName, 'code'>;

/** The reader-facing label of a block part: "Hook", "Analogy". */
export function blockPartLabel(name: BlockPartName): string {
  return blockParts.find((part) => part.name === name)!.label;
}

function markdownOf(block: Block, name: BlockTextPartName): string | undefined {
  switch (name) {
    case 'practice':
      return block.practice?.prompt.markdown;
    case 'solution':
      return block.practice?.solution?.markdown;
    default:
      return block[name]?.markdown;
  }
}

/** The block's written Markdown parts that are present, in reading order (code examples are not Markdown parts). */
export function blockTextParts(block: Block): { name: BlockTextPartName; label: string; markdown: string }[] {
  return blockParts.flatMap(({ name, label }) => {
    if (name === 'code') return [];
    const markdown = markdownOf(block, name);
    return markdown === undefined ? [] : [{ name, label, markdown }];
  });
}
