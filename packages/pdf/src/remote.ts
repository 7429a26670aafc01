import { messageSource } from '@pattern-press/diagnostics';
import type { Link, PatternModule, Position } from '@pattern-press/schema';
import type { VFile } from 'vfile';
import { VFileMessage } from 'vfile-message';

/**
 * Rule id for a module that makes an output load something from outside the
 * build. Not yet in the diagnostics catalogue (packages/diagnostics/src/rules.ts),
 * so the message is made here with the same shape `report()` gives.
 */
export const remoteResourceRule = 'remote-resource';

const scheme = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

/** Images of a module that point outside the build (http, https, protocol-relative, file:...). */
export function remoteImageLinks(module: PatternModule): Link[] {
  return module.links.filter((link) => link.image === true && (link.kind === 'external' || (scheme.test(link.href) && !link.href.startsWith('data:'))));
}

export function reportRemoteResource(file: VFile, reason: string, place?: Position): VFileMessage {
  const message = new VFileMessage(reason, {
    place: place ? { line: place.line, column: place.column } : undefined,
    ruleId: remoteResourceRule,
    source: messageSource,
  });
  message.file = file.path;
  message.fatal = true;
  message.note = 'put the file beside module.md and link it by a relative path';
  file.messages.push(message);
  return message;
}
