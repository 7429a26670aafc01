import { report } from '@pattern-press/diagnostics';
import type { Question } from '@pattern-press/schema';
import type { VFile } from 'vfile';
import { joinPointer, type PointerMap } from './pointers.js';

/**
 * What the schema cannot say about a gradable answer: that its correct ids
 * name its own choices, items or states, and that every choice id is unique.
 * Runs on schema-valid questions only.
 */
export function checkAnswer(file: VFile, question: Question, pointer: string, pointers: PointerMap): void {
  const at = (...segments: (string | number)[]) => pointers.lookup(joinPointer(pointer, 'answer', ...segments))?.value;
  const unknown = (id: string, where: string, ...segments: (string | number)[]) =>
    report(file, 'answer-invalid', `\`${id}\` is not one of the question's ${where}`, { place: at(...segments) });
  const uniqueIds = (list: { id: string }[], key: string) => {
    const seen = new Map<string, number>();
    list.forEach((entry, index) => {
      const first = seen.get(entry.id);
      if (first === undefined) seen.set(entry.id, index);
      else
        report(file, 'duplicate-id', `two ${key} share the id \`${entry.id}\``, {
          place: at(key, index, 'id'),
          cause: { path: file.path, place: at(key, first, 'id'), reason: 'first used here' },
        });
    });
    return new Set(list.map((entry) => entry.id));
  };
  switch (question.type) {
    case 'single': {
      const answer = question.answer;
      const ids = uniqueIds(answer.choices, 'choices');
      if (!ids.has(answer.correct)) unknown(answer.correct, 'choices', 'correct');
      break;
    }
    case 'multiple': {
      const answer = question.answer;
      const ids = uniqueIds(answer.choices, 'choices');
      answer.correct.forEach((id, index) => ids.has(id) || unknown(id, 'choices', 'correct', index));
      break;
    }
    case 'ordering': {
      const answer = question.answer;
      const ids = uniqueIds(answer.items, 'items');
      answer.correct.forEach((id, index) => ids.has(id) || unknown(id, 'items', 'correct', index));
      if (answer.correct.length !== answer.items.length) {
        report(file, 'answer-invalid', `the correct order lists ${answer.correct.length} of ${answer.items.length} items`, { place: at('correct') });
      }
      break;
    }
    case 'matching': {
      const answer = question.answer;
      const sources = uniqueIds(answer.sources, 'sources');
      const targets = uniqueIds(answer.targets, 'targets');
      answer.correct.forEach((pair, index) => {
        if (!sources.has(pair.source)) unknown(pair.source, 'sources', 'correct', index, 'source');
        if (!targets.has(pair.target)) unknown(pair.target, 'targets', 'correct', index, 'target');
      });
      break;
    }
    case 'sequence': {
      const answer = question.answer;
      const states = new Set(answer.states);
      if (!states.has(answer.initial)) unknown(answer.initial, 'states', 'initial');
      answer.steps.forEach((step, index) => states.has(step.state) || unknown(step.state, 'states', 'steps', index, 'state'));
      break;
    }
    case 'numeric':
      break;
  }
}
