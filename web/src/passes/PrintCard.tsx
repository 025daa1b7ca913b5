/**
 * One pass card (出入证) as printed: an A6 page with the compound's name, the holder masked as the
 * API gives them, category, plate, building, the days it admits, its number and the QR code of
 * the pass's `qr` text (the signed token the gate checks, drawn with the app's QR encoder).
 * The print stylesheet (styles/passes.css) gives every card a page of its own.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Pass } from '#shared/schemas/pass.ts';
import { qrImage } from '../public/qr.ts';
import { validityText } from './print-path.ts';

export function PrintCard({ pass, compoundName }: { pass: Pass; compoundName: string }) {
  const { t } = useTranslation();
  const image = useMemo(() => qrImage(pass.qr), [pass.qr]);
  return (
    <article className="pass-card" data-pass-id={pass.passId} data-qr={pass.qr} aria-label={t('passes.card.label', { passId: pass.passId })}>
      <header className="pass-card-head">
        <p className="pass-card-compound">{compoundName}</p>
        <h2 className="pass-card-title">{t('passes.card.title')}</h2>
      </header>
      <svg
        className="pass-card-qr"
        viewBox={`0 0 ${image.size} ${image.size}`}
        role="img"
        aria-label={t('passes.card.qrLabel', { passId: pass.passId })}
        shapeRendering="crispEdges"
      >
        <rect width={image.size} height={image.size} fill="#fff" />
        <path d={image.path} fill="#000" />
      </svg>
      <dl className="pass-card-facts">
        <dt>{t('passes.card.holder')}</dt>
        <dd className="pass-card-holder">{pass.name}</dd>
        <dt>{t('passes.card.category')}</dt>
        <dd>{t(`gate.category.${pass.category}`)}</dd>
        {pass.buildingName && (
          <>
            <dt>{t('passes.card.building')}</dt>
            <dd>{pass.buildingName}</dd>
          </>
        )}
        {pass.plate && (
          <>
            <dt>{t('passes.card.plate')}</dt>
            <dd>{pass.plate}</dd>
          </>
        )}
        <dt>{t('passes.card.validityLabel')}</dt>
        <dd className="pass-card-validity">{validityText(t, pass)}</dd>
      </dl>
      <p className="pass-card-number">{t('passes.card.number', { passId: pass.passId })}</p>
      {/* What the gate types when the camera cannot read the code (the number alone carries no signature). */}
      <p className="pass-card-code">{t('passes.card.code')} <span>{pass.qr}</span></p>
      <p className="pass-card-note">{t('passes.card.note')}</p>
    </article>
  );
}
