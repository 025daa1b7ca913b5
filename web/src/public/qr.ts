/**
 * A QR code as one SVG path: a unit square per dark module (`M x y h1v1h-1z`), so the image
 * scales to any print size without blur and a test can read the modules back from the path.
 */
import { encode } from 'uqr';

/** Medium error correction survives a scuffed or partly covered gate notice; 4 modules of quiet zone, as the standard asks. */
export const QR_OPTIONS = { ecc: 'M', border: 4 } as const;

export interface QrImage {
  readonly size: number;
  readonly path: string;
}

export function qrImage(text: string): QrImage {
  const { data, size } = encode(text, QR_OPTIONS);
  return { size, path: modulesPath(data) };
}

function modulesPath(modules: readonly (readonly boolean[])[]): string {
  const parts: string[] = [];
  modules.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (dark) parts.push(`M${x} ${y}h1v1h-1z`);
    }),
  );
  return parts.join('');
}
