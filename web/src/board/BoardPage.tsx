/** The officials' board: unresolved exits, missed clock-ins and missed disinfection rounds. */
import { useTranslation } from 'react-i18next';

export function BoardPage() {
  const { t } = useTranslation();
  return (
    <main id="main" className="board-page">
      <h1>{t('board.title')}</h1>
    </main>
  );
}
