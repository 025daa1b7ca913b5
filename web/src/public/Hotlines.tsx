/**
 * The hotlines posted with every compound's notice: the compound's own (community office,
 * property, epidemic hotline — as its staff set them, from the public notice) and the public
 * numbers (110, 120, 12315, fixed, as translations), each a tap-to-call link.
 */
import { useTranslation } from 'react-i18next';

const HOTLINES = ['police', 'ambulance', 'consumer'] as const;

/** A phone as a tel: link takes it: digits and a leading +, without the spaces and dashes it is posted with. */
export const telHref = (phone: string): string => `tel:${phone.replace(/[^\d+]/g, '')}`;

export function Hotlines({ lines = [] }: { lines?: readonly { readonly label: string; readonly phone: string }[] }) {
  const { t } = useTranslation();
  return (
    <section className="resident-section" aria-labelledby="hotlines-heading">
      <h2 id="hotlines-heading">{t('public.hotlines.heading')}</h2>
      <ul className="hotlines" data-testid="hotlines">
        {lines.map((line, i) => (
          <li key={`${line.label}-${i}`} data-own="true">
            <span>{line.label}</span>
            <a className="hotline-number" href={telHref(line.phone)}>
              {line.phone}
            </a>
          </li>
        ))}
        {HOTLINES.map((line) => (
          <li key={line}>
            <span>{t(`public.hotlines.${line}.label`)}</span>
            <a className="hotline-number" href={`tel:${t(`public.hotlines.${line}.number`)}`}>
              {t(`public.hotlines.${line}.number`)}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
