/**
 * A person's report link (/r/{token}) as a QR code to print or show, and as text. Only the
 * token's hash is kept by the API, so the link can be shown only when it is issued: issuing it
 * again (here) makes a new one and the old one stops working, which the button says. Revoking
 * stops reports by link altogether (staff can still report on their behalf).
 */
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../layout/ErrorNotice.tsx';
import { qrImage } from '../public/qr.ts';
import { useServices } from '../services.tsx';
import { usePersonActions } from './data.ts';
import { useSend } from './useSend.ts';

/** The resident's report page for a token, absolute, as printed. */
export const reportUrl = (token: string, origin: string): string => `${origin.replace(/\/+$/, '')}/r/${encodeURIComponent(token)}`;

export function LinkQrImage({ token, name }: { token: string; name: string }) {
  const { t } = useTranslation();
  const { config } = useServices();
  const url = reportUrl(token, config.publicUrl ?? window.location.origin);
  const image = useMemo(() => qrImage(url), [url]);
  return (
    <figure className="people-qr" data-url={url}>
      <svg viewBox={`0 0 ${image.size} ${image.size}`} role="img" aria-label={t('people.link.imageLabel', { name })} shapeRendering="crispEdges">
        <rect width={image.size} height={image.size} fill="#fff" />
        <path d={image.path} fill="#000" />
      </svg>
      <figcaption>
        <strong>{name}</strong>
        <span className="hint">{t('people.link.hint')}</span>
      </figcaption>
      <button type="button" className="button" onClick={() => window.print()}>{t('people.link.print')}</button>
    </figure>
  );
}

export function LinkPanel({ personId, name, initialToken, revocable = true }: { personId: string; name: string; initialToken?: string | undefined; revocable?: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const actions = usePersonActions();
  const [token, setToken] = useState(initialToken);
  const [revoked, setRevoked] = useState(false);
  const { busy, error, send } = useSend();

  const act = async (action: 'issue' | 'revoke') => {
    const answer = await send(() => actions.link(personId, action));
    if (!answer) return;
    setToken(action === 'issue' ? answer.reportToken : undefined);
    setRevoked(action === 'revoke');
  };

  return (
    <section className="people-link" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('people.link.title')}</h3>
      {token ? <LinkQrImage token={token} name={name} /> : <p className="hint">{revoked ? t('people.link.revoked') : t('people.link.notShown')}</p>}
      {error !== undefined && <ErrorNotice title={t('people.link.failed')} error={error} />}
      <div className="form-actions">
        <button type="button" className="button" disabled={busy} onClick={() => void act('issue')}>{t('people.link.issue')}</button>
        {revocable && (
          <button type="button" className="button" disabled={busy} onClick={() => void act('revoke')}>{t('people.link.revoke')}</button>
        )}
      </div>
    </section>
  );
}
