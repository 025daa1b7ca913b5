/**
 * Where the resident page lives: `/c/{compoundId}`, the address its gate QR code prints. The page
 * is an HTML entry of its own (web/resident.html, no React: issue 19), so every server that serves
 * the app — Vite's dev and preview servers (web/vite.config.ts), CloudFront (infra/cloud/web.ts) —
 * answers the paths under this prefix with that file, and the staff app's service worker leaves
 * them to the network. Plain data and a parser, no DOM: the servers' configs read it too.
 */

/** The first segment of every resident page's path. */
export const RESIDENT_PREFIX = '/c/';

/** The resident page's HTML entry, as the build writes it at the site's root. */
export const RESIDENT_HTML = 'resident.html';

/** The path of the resident page of a compound, as printed in its gate QR code. */
export const residentPath = (compoundId: string): string => `${RESIDENT_PREFIX}${encodeURIComponent(compoundId)}`;

/** The compound a resident page's path names (a trailing slash allowed); undefined when it names none. */
export function compoundIdOfPath(pathname: string): string | undefined {
  if (!pathname.startsWith(RESIDENT_PREFIX)) return undefined;
  const match = /^([^/]+)\/?$/.exec(pathname.slice(RESIDENT_PREFIX.length));
  if (!match?.[1]) return undefined;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    // A malformed escape (`/c/%E4`) names no compound.
    return undefined;
  }
}
