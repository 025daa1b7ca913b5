/**
 * Where a drop-off point may lie: inside the compound's box or within 300 m of it, else a refusal
 * that names how far it is.
 */
import { describe, expect, it } from 'vitest';
import { DROP_OFF_MAX_METRES, dropOffPointRefusal, metresFromBbox } from '#shared/domain/drop-off.ts';

const compound = { id: 'c_a', bbox: [112.51, 31.11, 112.514, 31.114] as const };

describe('metresFromBbox', () => {
  it('is 0 inside the box and grows with the distance outside it', () => {
    expect(metresFromBbox([112.512, 31.112], compound.bbox)).toBe(0);
    // 0.001° of latitude is about 111 m, whatever the longitude.
    expect(metresFromBbox([112.512, 31.115], compound.bbox)).toBeCloseTo(111, -1);
    expect(metresFromBbox([112.512, 31.109], compound.bbox)).toBeCloseTo(111, -1);
  });
});

describe('dropOffPointRefusal', () => {
  it('accepts a point at the gate or just outside the fence', () => {
    expect(dropOffPointRefusal([112.5141, 31.1121], compound)).toBeUndefined();
    expect(dropOffPointRefusal([112.512, 31.116], compound)).toBeUndefined();
  });

  it('refuses a point across town, saying how far it is', () => {
    const refusal = dropOffPointRefusal([112.6, 31.11], compound);
    expect(refusal).toMatchObject({ code: 'too-far' });
    expect(refusal?.message).toContain(`${DROP_OFF_MAX_METRES} m`);
    expect(refusal?.message).toContain('c_a');
  });

  it('refuses swapped longitude and latitude', () => {
    expect(dropOffPointRefusal([31.112, 112.512], compound)).toMatchObject({ code: 'too-far' });
  });
});
