/**
 * The gate's camera scanner for pass QR codes, a full-screen dialog over the gate view: the back
 * camera's video behind a viewfinder frame, read about five times a second (BarcodeDetector where
 * the browser has it, else jsqr — qr-decode.ts), each distinct code handed to `onText` once. When
 * the camera cannot be opened it says why (refused, none, busy, or a page that is not a secure
 * context, where browsers offer no camera at all) and the duty staff close it and type the number.
 * Closing or unmounting stops the camera.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import '../styles/scanner.css';
import { cameraProblemOf, qrReader, type CameraProblem } from './qr-decode.ts';

export interface PassScannerProps {
  /** The text a QR code in view encodes, once per distinct code read. */
  readonly onText: (text: string) => void;
  /** The user closed the scanner (or the camera was refused). */
  readonly onClose: () => void;
}

/** Between frames read: about five a second is quick for a person and light on a phone's battery. */
const FRAME_MS = 200;

type ScannerState = 'starting' | 'scanning' | CameraProblem;

export function PassScanner({ onText, onClose }: PassScannerProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const video = useRef<HTMLVideoElement>(null);
  const [state, setState] = useState<ScannerState>('starting');
  // The camera loop starts once; it calls whatever onText the parent gave last.
  const textHandler = useRef(onText);
  useEffect(() => {
    textHandler.current = onText;
  }, [onText]);

  useEffect(() => {
    const element = dialog.current;
    // Modal: the page behind is inert, focus moves in, Escape cancels (onCancel below).
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);

  useEffect(() => {
    let stopped = false;
    let stream: MediaStream | undefined;
    let timer: number | undefined;
    let last: string | undefined;
    const element = video.current;

    const scan = async (read: Awaited<ReturnType<typeof qrReader>>, from: HTMLVideoElement) => {
      if (stopped) return;
      try {
        const text = await read(from);
        if (!stopped && text !== undefined && text !== last) {
          last = text;
          textHandler.current(text);
        }
      } catch {
        // A frame that could not be read (the video between sizes): the next one will do.
      }
      if (!stopped) timer = window.setTimeout(() => void scan(read, from), FRAME_MS);
    };

    const start = async () => {
      try {
        if (!navigator.mediaDevices?.getUserMedia) throw new DOMException('getUserMedia is not available', 'NotSupportedError');
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
      } catch (error) {
        if (!stopped) setState(cameraProblemOf(error, window.isSecureContext));
        return;
      }
      if (stopped || !element) {
        stopTracks(stream);
        return;
      }
      element.srcObject = stream;
      // Autoplay of a muted inline video is allowed; play() settles once frames come.
      await element.play().catch(() => undefined);
      const read = await qrReader();
      if (stopped) return;
      setState('scanning');
      void scan(read, element);
    };
    void start();

    return () => {
      stopped = true;
      window.clearTimeout(timer);
      if (stream) stopTracks(stream);
      if (element) element.srcObject = null;
    };
  }, []);

  const problem = state !== 'starting' && state !== 'scanning';

  return (
    <dialog
      ref={dialog}
      className="pass-scanner"
      aria-labelledby={titleId}
      data-scanner-state={state}
      onCancel={(event) => {
        // Escape: closed by the parent unmounting this, as with the close button.
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId} className="pass-scanner-title">{t('gate.scanner.title')}</h2>
      <div className="pass-scanner-view" hidden={problem}>
        <video ref={video} muted playsInline autoPlay aria-hidden="true" />
        <div className="pass-scanner-frame" aria-hidden="true" />
      </div>
      {problem
        ? <p className="notice notice-error pass-scanner-problem" role="alert">{t(`gate.scanner.problem.${state}`)}</p>
        : <p className="pass-scanner-hint" role="status">{state === 'starting' ? t('gate.scanner.starting') : t('gate.scanner.hint')}</p>}
      <button type="button" className="button pass-scanner-close" onClick={onClose}>{t('gate.scanner.close')}</button>
    </dialog>
  );
}

function stopTracks(stream: MediaStream) {
  for (const track of stream.getTracks()) track.stop();
}
