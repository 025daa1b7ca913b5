/** The grid worker's and disinfection staff's tasks (phone first). */
import { useTranslation } from 'react-i18next';

export function TasksPage() {
  const { t } = useTranslation();
  return (
    <main id="main" className="tasks-page">
      <h1>{t('tasks.title')}</h1>
    </main>
  );
}
