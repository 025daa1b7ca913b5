/**
 * The household's id (shared/domain/households.ts): derived from the address alone, the same for a
 * door however its room is typed, different for any other door.
 */
import { describe, expect, it } from 'vitest';
import { HOUSEHOLD_ID_CHARS, householdIdOf, normaliseRoom } from '#shared/domain/households.ts';
import { linkableId } from '#shared/domain/links.ts';
import { Id } from '#shared/schemas/common.ts';

const door = { compoundId: 'c_1', buildingId: 'b_1', room: '2单元301' };

describe('household ids', () => {
  it('normalises a room as typed on a Chinese keyboard', () => {
    expect(normaliseRoom(' 2单元 ３０１ ')).toBe('2单元301');
    expect(normaliseRoom('２\u3000单元\t３０１Ａ')).toBe('2单元301A');
    expect(normaliseRoom('301')).toBe('301');
  });

  it('gives one door one id, however its room is written', () => {
    const id = householdIdOf(door);
    expect(id).toMatch(new RegExp(`^h[A-Za-z0-9_-]{${HOUSEHOLD_ID_CHARS}}$`));
    expect(householdIdOf({ ...door, room: '2单元 ３０１' })).toBe(id);
    expect(householdIdOf({ ...door, room: ' 2单元301\u3000' })).toBe(id);
    // A stable derivation: links issued before a deploy still name the same household after it.
    expect(householdIdOf(door)).toBe(id);
  });

  it('gives another door, building or compound another id', () => {
    const id = householdIdOf(door);
    const others = [
      householdIdOf({ ...door, room: '2单元302' }),
      householdIdOf({ ...door, buildingId: 'b_2' }),
      householdIdOf({ ...door, compoundId: 'c_2' }),
      // The parts are kept apart: moving a character between them is another address.
      householdIdOf({ compoundId: 'c_1b', buildingId: '_1', room: '2单元301' }),
    ];
    for (const other of others) expect(other).not.toBe(id);
    expect(new Set(others).size).toBe(others.length);
  });

  it('makes an id a link token and the API can carry', () => {
    const id = householdIdOf(door);
    expect(linkableId(id)).toBe(true);
    expect(Id.safeParse(id).success).toBe(true);
  });
});
