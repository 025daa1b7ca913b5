/**
 * The web app's home-screen icons (web/public/icons/*.png), drawn here rather than downloaded or
 * exported from a drawing tool: the brand red with the white square of the favicon, a cordon
 * around a compound. `node web/pwa-icons.ts` writes them; test/unit/web-icons.test.ts checks the
 * committed files still match what this draws, so the two never drift apart.
 *
 * "any" icons have rounded corners and a transparent outside; the maskable one and Apple's touch
 * icon are full-bleed (the platform cuts its own shape), with the square inside the maskable safe
 * zone (a circle of 40% of the size round the centre).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';

export interface IconSpec {
  readonly file: string;
  readonly size: number;
  /** Full-bleed: no rounded corners, no transparency. */
  readonly bleed: boolean;
}

export const ICONS: readonly IconSpec[] = [
  { file: 'icon-192.png', size: 192, bleed: false },
  { file: 'icon-512.png', size: 512, bleed: false },
  { file: 'icon-maskable-512.png', size: 512, bleed: true },
  { file: 'apple-touch-icon.png', size: 180, bleed: true },
];

export const ICON_DIR = path.resolve(import.meta.dirname, 'public/icons');

const BRAND = [0xb3, 0x26, 0x1e] as const;
/** Samples per pixel along each axis: edges are anti-aliased by coverage. */
const SAMPLES = 4;

/** What a point (in units of the icon's size, 0–1) shows: 0 outside, 1 brand red, 2 white. */
function paintAt(x: number, y: number, bleed: boolean): 0 | 1 | 2 {
  if (!bleed && !insideRoundedSquare(x, y, 0.22)) return 0;
  // The favicon's square: from 25% to 75%, its line 10% wide.
  const outer = x >= 0.25 && x <= 0.75 && y >= 0.25 && y <= 0.75;
  const inner = x > 0.35 && x < 0.65 && y > 0.35 && y < 0.65;
  return outer && !inner ? 2 : 1;
}

function insideRoundedSquare(x: number, y: number, radius: number): boolean {
  const dx = Math.max(radius - x, x - (1 - radius), 0);
  const dy = Math.max(radius - y, y - (1 - radius), 0);
  return dx * dx + dy * dy <= radius * radius;
}

/** The icon's RGBA pixels, row by row. */
function draw(spec: IconSpec): Buffer {
  const { size, bleed } = spec;
  const pixels = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let red = 0;
      let white = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const paint = paintAt((px + (sx + 0.5) / SAMPLES) / size, (py + (sy + 0.5) / SAMPLES) / size, bleed);
          if (paint === 1) red++;
          else if (paint === 2) white++;
        }
      }
      const covered = red + white;
      const at = (py * size + px) * 4;
      if (covered === 0) continue;
      // Colour of the covered part, alpha its share: a straight (not premultiplied) RGBA pixel.
      for (let c = 0; c < 3; c++) pixels[at + c] = Math.round(((BRAND[c] ?? 0) * red + 255 * white) / covered);
      pixels[at + 3] = Math.round((255 * covered) / (SAMPLES * SAMPLES));
    }
  }
  return pixels;
}

/** A PNG file: 8-bit RGBA, each row with filter 0, one IDAT. */
export function iconPng(spec: IconSpec): Buffer {
  const { size } = spec;
  const pixels = draw(spec);
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) pixels.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

if (import.meta.main) {
  for (const spec of ICONS) writeFileSync(path.join(ICON_DIR, spec.file), iconPng(spec));
}
