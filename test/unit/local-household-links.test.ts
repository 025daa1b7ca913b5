/**
 * The demo households' order links as `npm start` hands them over (infra/local/household-links.ts):
 * room and URL in a file only its owner reads, rewritten on every start, while the welcome's line
 * names the file and counts the links and carries no token (the console is a log).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { householdIdOf } from '#shared/domain/households.ts';
import { householdLinkPath, LINK_TOKEN_PREFIX } from '#shared/domain/links.ts';
import { issueLink } from '#functions/platform/link-signing.ts';
import { HOUSEHOLD_LINKS_FILE, writeHouseholdLinks } from '#infra/local/household-links.ts';

const webUrl = 'http://127.0.0.1:5173';
const rooms = ['101', '102', '201'];
const links = rooms.map((room) => {
  const { token } = issueLink({ subjectId: householdIdOf({ compoundId: 'cp_demo', buildingId: 'bd_demo', room }), purpose: 'order', expiresAt: '2026-12-21T16:00:00.000Z' });
  return { room, token, path: householdLinkPath(token) };
});

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'cordon-links-test-'));
  file = path.join(dir, HOUSEHOLD_LINKS_FILE);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('writeHouseholdLinks', () => {
  it('writes every link, room and URL, to a file of mode 0600 and answers a line with no token in it', () => {
    const line = writeHouseholdLinks(file, webUrl, links, '.data/household-links.txt');

    expect(line).not.toContain('/h/');
    expect(line).not.toContain(`${LINK_TOKEN_PREFIX}.`);
    for (const link of links) expect(line).not.toContain(link.token);
    expect(line).toBe('Households\' order links (代购配送, no sign-in): 3 demo links in .data/household-links.txt — signed tokens, kept out of this console');

    expect(statSync(file).mode & 0o777).toBe(0o600);
    const rows = readFileSync(file, 'utf8').split('\n').filter((row) => row !== '' && !row.startsWith('#'));
    expect(rows.map((row) => row.split(/\s+/))).toEqual(links.map((link) => [link.room, `${webUrl}/h/${link.token}`]));
  });

  it('counts one link as one', () => {
    expect(writeHouseholdLinks(file, webUrl, links.slice(0, 1))).toContain(`1 demo link in ${file} —`);
  });

  it('rewrites a file left from before, wider or not, at mode 0600 with this start\'s links only', () => {
    writeFileSync(file, `stale ${webUrl}/h/${LINK_TOKEN_PREFIX}.old\n`, { mode: 0o644 });
    writeHouseholdLinks(file, webUrl, links.slice(1));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('stale');
    expect(text).not.toContain(links[0]!.token);
    expect(text).toContain(links[2]!.token);
  });

  it('removes the file and answers no line when there are no links or no web app to open them on', () => {
    writeHouseholdLinks(file, webUrl, links);
    expect(writeHouseholdLinks(file, undefined, links)).toBeUndefined();
    expect(existsSync(file)).toBe(false);

    writeHouseholdLinks(file, webUrl, links);
    expect(writeHouseholdLinks(file, webUrl, [])).toBeUndefined();
    expect(existsSync(file)).toBe(false);
  });
});
