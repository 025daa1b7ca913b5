/**
 * Versions of editable items as HTTP entity tags (RFC 9110 §8.8.3, §13.1.1): the ETag a read of
 * a compound or an exit answers, and the If-Match a PATCH sends back so that a change made from a
 * stale screen is refused (412) instead of overwriting a newer version. Shared by the API, which
 * makes and checks the tags, and the web app, which sends back the tag of what it showed.
 */
import { schemaMessage } from '../messages/message.ts';
import * as z from '../zod.ts';

/** A compound's tag: its version, which every write of the compound moves. */
export const compoundEtag = (compound: { readonly version: number }): string => `"v${compound.version}"`;

/**
 * An exit's tag: its updatedAt, which every write of the exit moves (exits carry no counter).
 * Characters a tag may not hold are escaped, though a stored timestamp never has any.
 */
export const exitEtag = (exit: { readonly updatedAt: string }): string =>
  `"t${exit.updatedAt.replace(/[^\x21\x23-\x7e]/g, encodeURIComponent)}"`;

/** What If-Match asks for: any current version (`*`), or one of these strong tags. */
export type IfMatch = { readonly any: true } | { readonly any: false; readonly tags: readonly string[] };

/**
 * One list element: an entity tag, weak or strong, or nothing (RFC 9110's lists allow empty
 * elements), then a comma or the end. A tag may hold commas, so the list is not split on them.
 */
const ELEMENT = /[ \t]*(?:(W\/)?("[\x21\x23-\x7e\x80-\xff]*"))?[ \t]*(?:,|$)/y;

function parseIfMatch(value: string): IfMatch | undefined {
  const text = value.trim();
  if (text === '*') return { any: true };
  const tags: string[] = [];
  let named = false;
  ELEMENT.lastIndex = 0;
  while (ELEMENT.lastIndex < text.length) {
    const start = ELEMENT.lastIndex;
    const match = ELEMENT.exec(text);
    if (!match || ELEMENT.lastIndex === start) return undefined;
    const [, weak, tag] = match;
    if (tag) named = true;
    // If-Match compares strongly: a weak tag never matches, so it is not kept.
    if (tag && !weak) tags.push(tag);
  }
  return named ? { any: false, tags } : undefined;
}

export const IfMatchHeader = z.pipe(z.string(), z.transform((value, ctx): IfMatch => {
    const parsed = parseIfMatch(value);
    if (parsed) return parsed;
    ctx.issues.push({ code: 'custom', input: value, ...schemaMessage('schema.if-match') });
    return z.NEVER;
  })).register(z.globalRegistry, {
    description:
      'The ETag of the version this change was made from (as a read of the item answered it), or `*`. ' +
      'When the item has changed since, the answer is 412 and nothing is written; weak tags never match. ' +
      'Optional, for older clients: without it the change applies to whatever version is stored.',
    example: '"v3"',
  });

/** The request headers of a PATCH that honours If-Match (names lower-case, as the edge reads them). */
export const IfMatchHeaders = z.object({ 'if-match': z.optional(IfMatchHeader) });

/** Whether an If-Match condition holds for the item's current tag (strong comparison). */
export const ifMatches = (condition: IfMatch, etag: string): boolean => condition.any || condition.tags.includes(etag);
