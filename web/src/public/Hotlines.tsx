/**
 * The hotlines posted with every compound's notice: the compound's own (community office,
 * property, epidemic hotline — as its staff set them, from the public notice) and the public
 * numbers (110, 120, 12315, fixed, as translations), each a tap-to-call link.
 */
import { useTranslation } from 'react-i18next';
import { PUBLIC_HOTLINES, telHref } from './phones.ts';

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
        {PUBLIC_HOTLINES.map((line) => (
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
