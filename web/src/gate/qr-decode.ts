/**
 * Reading a QR code off the camera's video, one frame at a time: the browser's BarcodeDetector
 * where it has one that knows QR codes (Chromium on Android, Safari), else jsqr over the frame
 * drawn on a canvas. jsqr is loaded only when needed, so it is a chunk of its own and the gate's
 * main chunk carries none of it.
 */
import type { Options, QRCode } from 'jsqr';

/** The text of a QR code in the video's current frame, if one is in view. */
export type FrameReader = (video: HTMLVideoElement) => Promise<string | undefined>;

// BarcodeDetector is not in TypeScript's DOM library yet: the part of it used here.
interface DetectedBarcode {
  readonly rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: CanvasImageSource): Promise<DetectedBarcode[]>;
}
interface BarcodeDetectorClass {
  new(options: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats?(): Promise<string[]>;
}

type JsQR = (data: Uint8ClampedArray, width: number, height: number, options?: Options) => QRCode | null;

/** jsqr works on at most this many pixels across: enough for a pass held to the camera, and fast on a phone. */
const MAX_WIDTH = 640;

/** The best reader this browser offers. */
export async function qrReader(): Promise<FrameReader> {
  const detector = await nativeDetector();
  if (detector) {
    return async (video) => {
      const found = await detector.detect(video);
      return found.find((code) => code.rawValue !== '')?.rawValue;
    };
  }
  return jsqrReader();
}

async function nativeDetector(): Promise<BarcodeDetectorLike | undefined> {
  if (!('BarcodeDetector' in window)) return undefined;
  const Detector = (window as unknown as { BarcodeDetector: BarcodeDetectorClass }).BarcodeDetector;
  try {
    // Some platforms expose the class but detect nothing (no QR support in the OS).
    const formats = await Detector.getSupportedFormats?.();
    if (formats && !formats.includes('qr_code')) return undefined;
    return new Detector({ formats: ['qr_code'] });
  } catch {
    return undefined;
  }
}

async function jsqrReader(): Promise<FrameReader> {
  const loaded: unknown = (await import('jsqr')).default;
  // jsqr is CommonJS marked __esModule: bundlers hand over its default export, while TypeScript's
  // Node resolution types the whole exports object as the default.
  const jsQR = (typeof loaded === 'function' ? loaded : (loaded as { default: JsQR }).default) as JsQR;
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  return async (video) => {
    const { videoWidth, videoHeight } = video;
    if (!context || videoWidth === 0 || videoHeight === 0) return undefined;
    const scale = Math.min(1, MAX_WIDTH / videoWidth);
    canvas.width = Math.round(videoWidth * scale);
    canvas.height = Math.round(videoHeight * scale);
    context.drawImage(video, 0, 0, canvas.width, canvas.height);
    const { data, width, height } = context.getImageData(0, 0, canvas.width, canvas.height);
    // A printed pass is dark on light; trying inverted too would double the work per frame.
    return jsQR(data, width, height, { inversionAttempts: 'dontInvert' })?.data || undefined;
  };
}

/** Why the camera could not be opened, from getUserMedia's error (or its absence). */
export type CameraProblem = 'insecure' | 'denied' | 'none' | 'busy' | 'failed';

export function cameraProblemOf(error: unknown, secure: boolean): CameraProblem {
  // Outside a secure context (a LAN http:// address) browsers hide mediaDevices altogether.
  if (!secure) return 'insecure';
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'none';
  if (name === 'NotReadableError') return 'busy';
  return 'failed';
}
