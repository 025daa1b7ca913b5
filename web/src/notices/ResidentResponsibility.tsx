/**
 * The responsibility list on the resident page (责任体系公示), as posted at the gate: each role
 * with the person's name and phone, the phone a tap-to-call link. Public by the notices' own rule;
 * the public notice route gives exactly these fields.
 */
import { useTranslation } from 'react-i18next';
import type { PublicNotice } from '#shared/schemas/notice.ts';
import { telHref } from '../public/Hotlines.tsx';
import './notices.css';

export function ResidentResponsibility({ people }: { people: PublicNotice['responsibility'] | undefined }) {
  const { t } = useTranslation();
  return (
    <section className="resident-section" aria-labelledby="responsibility-heading">
      <h2 id="responsibility-heading">{t('notices.resident.responsibility')}</h2>
      {people === undefined ? (
        <p className="list-note">{t('public.loading')}</p>
      ) : people.length === 0 ? (
        <p className="list-note">{t('notices.resident.responsibilityNone')}</p>
      ) : (
        <ul className="resident-responsibility" data-testid="responsibility">
          {people.map((person) => (
            <li key={person.role} data-role={person.role}>
              <span className="resident-role">{t(`notices.roles.${person.role}`)}</span>
              <span>{person.name}</span>
              <a className="hotline-number" href={telHref(person.phone)}>
                {person.phone}
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
