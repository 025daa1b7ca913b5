/**
 * Vulnerable residents' pairs judged for a China day: only a contact that reached the person
 * counts, on that China day (a contact at 23:30 China time is the day's, one at 00:10 the next
 * day's), and people enrolled after the day are not judged on it.
 */
import { describe, expect, it } from 'vitest';
import { contactsToRead, reachedOn, unreachedOn } from '#shared/domain/pairs.ts';

const DAY = '2026-11-22';
const person = (id: string, extra: Record<string, string> = {}) => ({ id, createdAt: '2026-11-20T02:00:00.000Z', ...extra });

describe('pairs', () => {
  it('counts a contact that reached the person on the China day, not an unanswered call or the next day\'s', () => {
    expect(reachedOn(DAY, [{ at: '2026-11-22T15:30:00.000Z', outcome: 'ok' }])).toBe(true);
    expect(reachedOn(DAY, [{ at: '2026-11-22T15:30:00.000Z', outcome: 'needs_help' }])).toBe(true);
    expect(reachedOn(DAY, [{ at: '2026-11-22T03:00:00.000Z', outcome: 'not_reached' }])).toBe(false);
    expect(reachedOn(DAY, [{ at: '2026-11-22T16:10:00.000Z', outcome: 'ok' }])).toBe(false);
    expect(reachedOn(DAY, [{ at: '2026-11-21T15:59:00.000Z', outcome: 'ok' }])).toBe(false);
  });

  it('reads contacts only of people contacted that day or since', () => {
    const people = [
      person('a', { lastContactAt: '2026-11-21T10:00:00.000Z' }),
      person('b', { lastContactAt: '2026-11-22T10:00:00.000Z' }),
      person('c'),
      person('d', { lastContactAt: '2026-11-23T01:00:00.000Z' }),
    ];
    expect(contactsToRead(DAY, people).map((p) => p.id)).toEqual(['b', 'd']);
  });

  it('flags the unreached, and not people enrolled after the day', () => {
    const people = [person('a'), person('b'), person('late', { createdAt: '2026-11-22T16:01:00.000Z' })];
    const contacts = new Map([['b', [{ at: '2026-11-22T04:00:00.000Z', outcome: 'ok' as const }]]]);
    expect(unreachedOn(DAY, people, contacts).map((p) => p.id)).toEqual(['a']);
  });
});
