/**
 * A fake camera for Chromium in the end-to-end tests: a pass's QR code (as its card renders it,
 * web/src/public/qr.ts) written as a Y4M video file, which Chromium plays as the camera with
 * --use-file-for-fake-video-capture (looping it), so the gate's scanner reads a real video stream.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { encode } from 'uqr';
import { QR_OPTIONS } from '#web/src/public/qr.ts';

const WIDTH = 640;
const HEIGHT = 480;
/** How much of the frame's height the code (quiet zone included) takes: a pass held up close. */
const FILL = 0.9;

/**
 * A 640×480 Y4M file (4:2:0, one frame: Chromium loops it) showing `text` as a QR code, black on
 * white, in the middle; and Chromium's flags to play it as the camera, with the prompt answered.
 */
export function fakeCameraShowing(text: string): { file: string; flags: string[] } {
  const { data, size } = encode(text, QR_OPTIONS);
  const px = Math.floor((HEIGHT * FILL) / size);
  if (px < 2) throw new Error(`a QR code of ${size} modules does not fit a ${WIDTH}×${HEIGHT} frame`);
  const left = Math.floor((WIDTH - size * px) / 2);
  const top = Math.floor((HEIGHT - size * px) / 2);
  // Luma: white, with the dark modules black. Chroma: neutral grey (no colour).
  const luma = Buffer.alloc(WIDTH * HEIGHT, 235);
  data.forEach((row, y) => row.forEach((dark, x) => {
    if (!dark) return;
    for (let dy = 0; dy < px; dy++) luma.fill(16, (top + y * px + dy) * WIDTH + left + x * px, (top + y * px + dy) * WIDTH + left + (x + 1) * px);
  }));
  const chroma = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2) * 2, 128);
  const header = Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F15:1 Ip A1:1 C420jpeg\n`, 'ascii');
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'cordon-camera-')), 'pass.y4m');
  writeFileSync(file, Buffer.concat([header, Buffer.from('FRAME\n', 'ascii'), luma, chroma]));
  return {
    file,
    flags: ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${file}`],
  };
}
