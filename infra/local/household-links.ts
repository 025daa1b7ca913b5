/**
 * The demo households' order links (代购配送) as `npm start` hands them over: in a file only its
 * owner reads, never on the console. Each is a signed resident token, and a token never appears in
 * a log; the console of the local runtime is one.
 */
import { rmSync, writeFileSync } from 'node:fs';

/** The file's name in the data folder. */
export const HOUSEHOLD_LINKS_FILE = 'household-links.txt';

export interface HouseholdLink {
  readonly room: string;
  /** `/h/{token}` */
  readonly path: string;
}

/**
 * Writes the links (room and URL, one a line) to `file` with mode 0600 and answers the welcome's
 * line about them, which names the file (as `shownAs`) and counts its links. With no links or no web
 * app the file is removed: what it held last time is not this start's to vouch for (a link may
 * have been revoked since).
 */
export function writeHouseholdLinks(file: string, webUrl: string | undefined, links: readonly HouseholdLink[], shownAs: string = file): string | undefined {
  // Removed first: writeFileSync sets the mode only of a file it creates, and an older file may be wider.
  rmSync(file, { force: true });
  if (links.length === 0 || !webUrl) return undefined;
  const lines = [
    '# Cordon demo households\' order links (代购配送): each opens its household\'s order page with no sign-in.',
    '# Signed tokens: keep them to yourself. Rewritten on every `npm start`.',
    ...links.map((link) => `${link.room.padEnd(13)} ${webUrl}${link.path}`),
  ];
  writeFileSync(file, `${lines.join('\n')}\n`, { mode: 0o600, flag: 'wx' });
  const count = `${links.length} demo link${links.length === 1 ? '' : 's'}`;
  return `Households' order links (代购配送, no sign-in): ${count} in ${shownAs} — signed tokens, kept out of this console`;
}
