/** A QR code as an SVG image (qr.ts): scales to any print size without blur, named for screen readers. */
import { useMemo } from 'react';
import { qrImage } from './qr.ts';

export function QrCodeSvg({ text, label, className }: { text: string; label: string; className?: string }) {
  const image = useMemo(() => qrImage(text), [text]);
  return (
    <svg className={className} viewBox={`0 0 ${image.size} ${image.size}`} role="img" aria-label={label} shapeRendering="crispEdges">
      <rect width={image.size} height={image.size} fill="#fff" />
      <path d={image.path} fill="#000" />
    </svg>
  );
}
