/**
 * The gate notice's QR code (居民公示二维码) for the admin view: the resident page's absolute URL
 * as an SVG QR code, the URL as text, and a print button that prints only the notice.
 *
 * The URL starts with the configured public URL (/config.json's `publicUrl`: the site in the
 * cloud, the machine's LAN address or --public-url locally), else the page's own origin; when
 * that is this machine's own name (127.0.0.1, localhost), no phone can open it, and the panel
 * says so beside the code.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { isLoopbackHost } from '#shared/runtime-config.ts';
import { residentPath } from '../layout/navigation.ts';
import { useServices } from '../services.tsx';
import { QrCodeSvg } from './QrCodeSvg.tsx';
import '../styles/public.css';

/** The page's body class while printing: the print stylesheet then shows the notice alone. */
const PRINTING = 'printing-gate-qr';

/** The resident page's absolute URL under an origin: what the gate QR code (and the printed notice's) holds. */
export const residentUrl = (compoundId: string, origin: string): string => origin.replace(/\/+$/, '') + residentPath(compoundId);

export function GateQrCode({ compoundId, compoundName }: { compoundId: string; compoundName: string }) {
  const { t } = useTranslation();
  const titleId = useId();
  const { config } = useServices();
  const origin = config.publicUrl ?? window.location.origin;
  const url = residentUrl(compoundId, origin);
  const onlyHere = isLoopbackHost(new URL(origin).hostname);

  const print = () => {
    document.body.classList.add(PRINTING);
    window.addEventListener('afterprint', () => document.body.classList.remove(PRINTING), { once: true });
    window.print();
  };

  return (
    <section className="gate-qr" aria-labelledby={titleId} data-url={url}>
      <h3 id={titleId}>{t('public.qr.heading')}</h3>
      <p className="gate-qr-name">{compoundName}</p>
      <QrCodeSvg className="gate-qr-code" text={url} label={t('public.qr.imageLabel', { name: compoundName })} />
      <p className="gate-qr-hint">{t('public.qr.hint')}</p>
      {onlyHere && (
        <p className="gate-qr-warning" role="note" data-testid="gate-qr-loopback">
          {t('public.qr.loopback')}
        </p>
      )}
      <p className="gate-qr-url">
        <a href={url} target="_blank" rel="noreferrer">
          {url}
        </a>
      </p>
      <button type="button" className="button gate-qr-print" onClick={print}>
        {t('public.qr.print')}
      </button>
    </section>
  );
}
