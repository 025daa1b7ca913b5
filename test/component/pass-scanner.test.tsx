/**
 * The gate's pass scanner in real Chromium. A component test has no camera, so getUserMedia is
 * stubbed to hand over a canvas's stream with a pass's QR code drawn on it (as the pass card
 * renders it, web/src/public/qr.ts); everything after — the video, the frames read by jsqr
 * (Chromium on Linux has no BarcodeDetector), the dialog — is the real thing. The scanner hands
 * each code over once however long it stays in view, stops the camera when closed, and says why
 * when the camera is refused.
 */
import { encode } from 'uqr';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { PassScanner } from '#web/src/gate/PassScanner.tsx';
import { QR_OPTIONS } from '#web/src/public/qr.ts';

/** Pixels per QR module: a pass held at a comfortable distance from a 640×480 camera. */
const MODULE_PX = 8;

/**
 * A fake camera: a 640×480 canvas showing `text` as a QR code (or nothing), redrawn every
 * animation frame so its stream keeps producing frames; `show` changes what it shows.
 */
function fakeCamera(text: string | undefined) {
  const canvas = document.createElement('canvas');
  canvas.width = 640;
  canvas.height = 480;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2d canvas');
  let shown = text;
  let running = true;
  const draw = () => {
    if (!running) return;
    context.fillStyle = '#fff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    if (shown !== undefined) {
      const { data, size } = encode(shown, QR_OPTIONS);
      const left = (canvas.width - size * MODULE_PX) / 2;
      const top = (canvas.height - size * MODULE_PX) / 2;
      context.fillStyle = '#000';
      data.forEach((row, y) => row.forEach((dark, x) => {
        if (dark) context.fillRect(left + x * MODULE_PX, top + y * MODULE_PX, MODULE_PX, MODULE_PX);
      }));
    }
    requestAnimationFrame(draw);
  };
  draw();
  const stream = canvas.captureStream(15);
  return {
    stream,
    show(next: string | undefined) {
      shown = next;
    },
    stop() {
      running = false;
    },
  };
}

const cameras: { stop(): void }[] = [];

afterEach(async () => {
  await page.viewport(1024, 768);
  vi.restoreAllMocks();
  for (const camera of cameras.splice(0)) camera.stop();
});

function withCamera(text: string | undefined) {
  const camera = fakeCamera(text);
  cameras.push(camera);
  const asked: MediaStreamConstraints[] = [];
  vi.spyOn(navigator.mediaDevices, 'getUserMedia').mockImplementation(async (constraints) => {
    asked.push(constraints ?? {});
    return camera.stream;
  });
  return { camera, asked };
}

const PASS_A = 'CP1.eyJwIjoiUDAwMDEiLCJjIjoiYzEifQ.c2lnbmF0dXJlLWE';
const PASS_B = 'CP1.eyJwIjoiUDAwMDIiLCJjIjoiYzEifQ.c2lnbmF0dXJlLWI';

/** The scanner's video, to wait on its clock: a condition on frames played, never a duration. */
const videoOf = () => document.querySelector<HTMLVideoElement>('.pass-scanner video');

describe('PassScanner', () => {
  it('reads the pass in view from the back camera and hands each distinct code over once', async () => {
    const { camera, asked } = withCamera(PASS_A);
    const read: string[] = [];
    // A phone's screen: the dialog covers it, with the close button in view.
    await page.viewport(360, 740);
    await render(<PassScanner onText={(text) => read.push(text)} onClose={() => undefined} />);

    await expect.element(page.getByRole('dialog', { name: '扫描出入证' })).toBeVisible();
    expect(asked).toEqual([{ video: { facingMode: 'environment' }, audio: false }]);
    await expect.poll(() => read, { timeout: 15_000 }).toEqual([PASS_A]);
    await expect.element(page.getByRole('status')).toHaveTextContent('请把出入证上的二维码放进框内。');
    const close = page.getByRole('button', { name: '关闭扫码' }).element().getBoundingClientRect();
    expect(close.bottom).toBeLessThanOrEqual(740);
    expect(close.height).toBeGreaterThanOrEqual(48);
    await page.screenshot({ path: '../../test-results/component/pass-scanner-phone.png' });

    // The same code stays in view for another second of video (about five frames read): not handed over again.
    const seen = videoOf()?.currentTime ?? 0;
    await expect.poll(() => videoOf()?.currentTime ?? 0, { timeout: 15_000 }).toBeGreaterThan(seen + 1);
    camera.show(PASS_B);
    await expect.poll(() => read, { timeout: 15_000 }).toEqual([PASS_A, PASS_B]);
  });

  it('stops the camera when closed, by its button or by Escape', async () => {
    const { camera } = withCamera(undefined);
    const closed: string[] = [];
    const screen = await render(<PassScanner onText={() => undefined} onClose={() => closed.push('closed')} />);
    await expect.element(page.getByRole('dialog', { name: '扫描出入证' })).toHaveAttribute('data-scanner-state', 'scanning');

    await page.getByRole('button', { name: '关闭扫码' }).click();
    await userEvent.keyboard('{Escape}');
    expect(closed).toEqual(['closed', 'closed']);
    expect(camera.stream.getTracks().map((track) => track.readyState)).toEqual(['live']);

    // The parent closes it by unmounting it: the camera's light goes off.
    await screen.unmount();
    expect(camera.stream.getTracks().map((track) => track.readyState)).toEqual(['ended']);
  });

  it('says the camera was refused and offers the close button', async () => {
    vi.spyOn(navigator.mediaDevices, 'getUserMedia').mockRejectedValue(new DOMException('Permission denied', 'NotAllowedError'));
    const closed: string[] = [];
    await render(<PassScanner onText={() => undefined} onClose={() => closed.push('closed')} />);

    await expect.element(page.getByRole('alert')).toHaveTextContent('摄像头权限被拒绝。请在浏览器设置中允许本网站使用摄像头，或关闭扫码后手动输入出入证号码。');
    await page.getByRole('button', { name: '关闭扫码' }).click();
    expect(closed).toEqual(['closed']);
  });

  it('says when there is no camera at all', async () => {
    vi.spyOn(navigator.mediaDevices, 'getUserMedia').mockRejectedValue(new DOMException('Requested device not found', 'NotFoundError'));
    await render(<PassScanner onText={() => undefined} onClose={() => undefined} />);
    await expect.element(page.getByRole('alert')).toHaveTextContent('没有找到可用的摄像头。请关闭扫码后手动输入出入证号码。');
  });
});
