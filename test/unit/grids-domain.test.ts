import { describe, expect, it } from 'vitest';
import { findGrid, gridIdFor } from '#shared/domain/grids.ts';

describe('gridIdFor', () => {
  it('keeps a code that is a valid id, and makes a stable id from a name', () => {
    expect(gridIdFor('cm1', ' YZ-WF-01 ')).toBe('YZ-WF-01');
    const id = gridIdFor('cm1', '王府社区第1网格');
    expect(id).toMatch(/^g_[0-9a-z]{13}$/);
    expect(gridIdFor('cm1', '王府社区第1网格 ')).toBe(id);
    expect(gridIdFor('cm2', '王府社区第1网格')).not.toBe(id);
  });
});

describe('findGrid', () => {
  const grids = [{ id: 'g1', name: '王府社区第１网格' }, { id: 'g2', name: 'Second' }];

  it('finds by id first, then by name ignoring width and spaces', () => {
    expect(findGrid(grids, 'g2')?.id).toBe('g2');
    expect(findGrid(grids, '王府社区 第1网格')?.id).toBe('g1');
    expect(findGrid(grids, 'second')?.id).toBe('g2');
    expect(findGrid(grids, '第9网格')).toBeUndefined();
  });
});
