import { report, type RuleId } from '@pattern-press/diagnostics';
import type { Link, PatternModule, Position } from '@pattern-press/schema';
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';

/** Rule id for a module that makes an output load something from outside the build. */
export const remoteResourceRule: RuleId = 'remote-resource';

const scheme = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

/** Images of a module that point outside the build (http, https, protocol-relative, file:...). */
export function remoteImageLinks(module: PatternModule): Link[] {
  return module.links.filter((link) => link.image === true && (link.kind === 'external' || (scheme.test(link.href) && !link.href.startsWith('data:'))));
}

export function reportRemoteResource(file: VFile, reason: string, place?: Position): VFileMessage {
  return report(file, remoteResourceRule, reason, {
    place: place ? { line: place.line, column: place.column } : undefined,
    hint: 'put the file beside module.md and link it by a relative path',
  });
}
