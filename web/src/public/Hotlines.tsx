/** The public hotlines posted with every compound's notice (110, 120, 12315): fixed numbers, as translations. */
import { useTranslation } from 'react-i18next';

const HOTLINES = ['police', 'ambulance', 'consumer'] as const;

export function Hotlines() {
  const { t } = useTranslation();
  return (
    <section className="resident-section" aria-labelledby="hotlines-heading">
      <h2 id="hotlines-heading">{t('public.hotlines.heading')}</h2>
      <ul className="hotlines">
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
