/** A compound's public notice board for residents (no sign-in, no personal data): cases and disinfection. */
import { useTranslation } from 'react-i18next';

export function ResidentPage({ compoundId }: { compoundId: string }) {
  const { t } = useTranslation();
  return (
    <main id="main" className="resident-page" data-compound-id={compoundId}>
      <h1>{t('public.title')}</h1>
    </main>
  );
}
