/**
 * The web app's home-screen icons: the committed PNGs (web/public/icons/) are exactly what
 * web/pwa-icons.ts draws, and each is a PNG of its declared size.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ICON_DIR, ICONS, iconPng } from '#web/pwa-icons.ts';

describe('web app icons', () => {
  it.each(ICONS)('$file is what web/pwa-icons.ts draws, $size px square', (spec) => {
    const file = readFileSync(path.join(ICON_DIR, spec.file));
    expect(file.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect([file.readUInt32BE(16), file.readUInt32BE(20)]).toEqual([spec.size, spec.size]);
    expect(file.equals(iconPng(spec)), 'run `node web/pwa-icons.ts` and commit the icons').toBe(true);
  });
});
