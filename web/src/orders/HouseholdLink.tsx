/**
 * A household's link (/h/{token}) made by a grid worker or a community admin: the household by
 * compound, building and room; the link as a QR code on a door slip to print and tape to the door
 * (the household orders, follows its orders and reads the compound's notices without signing in).
 * Only the token's hash is kept by the API, so the link shows only when made; making it again
 * revokes the old one. A link is revoked with the link itself (the slip of a household that moved
 * out, or the one just printed by mistake).
 */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '#shared/roles.ts';
import { ErrorNotice } from '../layout/ErrorNotice.tsx';
import { CompoundPicker } from '../passes/CompoundPicker.tsx';
import { useBuildings } from '../passes/data.ts';
import { useSend } from '../people/useSend.ts';
import { QrCodeSvg } from '../public/QrCodeSvg.tsx';
import { useApi, useServices } from '../services.tsx';

/** The household's page for a token, absolute, as printed. */
export const householdUrl = (token: string, origin: string): string => `${origin.replace(/\/+$/, '')}/h/${encodeURIComponent(token)}`;

/** The token of a link as pasted or read off a slip: the whole URL, its path, or the bare token. */
export function tokenOf(text: string): string {
  const trimmed = text.trim();
  const path = /\/h\/([^/?#\s]+)/.exec(trimmed);
  if (!path?.[1]) return trimmed;
  try {
    return decodeURIComponent(path[1]);
  } catch {
    // A stray % (a slip misread, a URL cut short) is no escape: the path as written is sent and the API refuses it in words.
    return path[1];
  }
}

interface Issued {
  readonly token: string;
  readonly validUntil: string;
  readonly compoundName: string;
  readonly buildingName: string;
  readonly room: string;
}

export function HouseholdLink({ role }: { role: Role }) {
  const { t } = useTranslation();
  const id = useId();
  const api = useApi();
  const [compound, setCompound] = useState<{ id: string; name: string }>();
  const [buildingId, setBuildingId] = useState('');
  const [room, setRoom] = useState('');
  const [missing, setMissing] = useState(false);
  const [issued, setIssued] = useState<Issued>();
  const [revoked, setRevoked] = useState<string>();
  const buildings = useBuildings(compound?.id);
  const { busy, error, send } = useSend();

  const issue = async (event: FormEvent) => {
    event.preventDefault();
    const building = buildings.find((b) => b.id === buildingId);
    if (!compound || !building || !room.trim()) {
      setMissing(true);
      return;
    }
    setMissing(false);
    setRevoked(undefined);
    const answer = await send(() => api.call('createHouseholdLink', { body: { compoundId: compound.id, buildingId, room: room.trim() } }));
    if (answer) setIssued({ token: answer.token, validUntil: answer.validUntil, compoundName: compound.name, buildingName: building.name, room: room.trim() });
  };

  return (
    <section className="task-section order-links" aria-labelledby="orders-link-title" data-section="link">
      <h2 id="orders-link-title">{t('orders.link.title')}</h2>
      <p className="hint">{t('orders.link.help')}</p>
      <form className="order-form" aria-label={t('orders.link.issueTitle')} noValidate onSubmit={(e) => void issue(e)}>
        <CompoundPicker role={role} compoundId={compound?.id} onChoose={(c) => { setCompound(c); setBuildingId(''); }} />
        <label htmlFor={`${id}-building`}>{t('orders.form.building')}</label>
        <select id={`${id}-building`} value={buildingId} disabled={!compound} aria-invalid={(missing && !buildingId) || undefined}
          aria-describedby={missing && !buildingId ? `${id}-needed` : undefined} onChange={(e) => setBuildingId(e.target.value)}>
          <option value="">{t('orders.form.chooseBuilding')}</option>
          {buildings.map((b) => <option key={b.id} value={b.id}>{b.name}</option>)}
        </select>
        <label htmlFor={`${id}-room`}>{t('orders.form.room')}</label>
        <input id={`${id}-room`} maxLength={30} value={room} placeholder={t('orders.form.roomExample')} aria-invalid={(missing && !room.trim()) || undefined}
          aria-describedby={missing && !room.trim() ? `${id}-needed` : undefined} onChange={(e) => setRoom(e.target.value)} />
        {missing && <p id={`${id}-needed`} className="field-error" role="alert">{t('orders.link.needed')}</p>}
        <button type="submit" className="button button-primary" disabled={busy}>{t('orders.link.issue')}</button>
        {error !== undefined && <ErrorNotice title={t('orders.link.failed')} error={error} />}
      </form>
      {issued && !revoked && <DoorSlip issued={issued} onRevoked={() => { setRevoked(issued.token); setIssued(undefined); }} />}
      {revoked && <p className="notice" role="status">{t('orders.link.revoked')}</p>}
      <RevokeForm onRevoked={() => setRevoked('pasted')} />
    </section>
  );
}

/** The slip to tape to the door: the QR code, the household, what the link is for, until when. */
function DoorSlip({ issued, onRevoked }: { issued: Issued; onRevoked(): void }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const { config } = useServices();
  const { busy, error, send } = useSend();
  const url = householdUrl(issued.token, config.publicUrl ?? window.location.origin);
  const household = [issued.compoundName, issued.buildingName, issued.room].join(t('orders.separator'));
  const revoke = async () => {
    if (await send(() => api.call('revokeHouseholdLink', { body: { token: issued.token } }))) onRevoked();
  };
  return (
    <div className="order-slip-wrap">
      <p className="notice" role="status">{t('orders.link.issued')}</p>
      <figure className="order-slip" data-url={url}>
        <p className="order-slip-head">{t('orders.link.slipHead')}</p>
        <QrCodeSvg className="order-slip-qr" text={url} label={t('orders.link.qrLabel', { household })} />
        <figcaption>
          <strong className="order-slip-household">{household}</strong>
          <span>{t('orders.link.slipHow')}</span>
          <span className="hint">{t('orders.link.validUntil', { day: new Date(issued.validUntil).toLocaleDateString(i18n.language) })}</span>
        </figcaption>
      </figure>
      <div className="order-steps">
        <button type="button" className="button button-primary" onClick={() => window.print()}>{t('orders.link.print')}</button>
        <button type="button" className="button" disabled={busy} onClick={() => void revoke()}>{t('orders.link.revoke')}</button>
      </div>
      {error !== undefined && <ErrorNotice title={t('orders.link.revokeFailed')} error={error} />}
    </div>
  );
}

/** Revoking a link read off a slip (or pasted): the household's page answers 404 from then on. */
function RevokeForm({ onRevoked }: { onRevoked(): void }) {
  const { t } = useTranslation();
  const id = useId();
  const api = useApi();
  const [text, setText] = useState('');
  const { busy, error, send } = useSend();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const token = tokenOf(text);
    if (!token) return;
    if (await send(() => api.call('revokeHouseholdLink', { body: { token } }))) {
      setText('');
      onRevoked();
    }
  };
  return (
    <form className="order-form" aria-label={t('orders.link.revokeTitle')} noValidate onSubmit={(e) => void submit(e)}>
      <label htmlFor={`${id}-link`}>{t('orders.link.revokeLink')}</label>
      <input id={`${id}-link`} value={text} onChange={(e) => setText(e.target.value)} />
      <button type="submit" className="button" disabled={busy || !text.trim()}>{t('orders.link.revokeSave')}</button>
      {error !== undefined && <ErrorNotice title={t('orders.link.revokeFailed')} error={error} />}
    </form>
  );
}
