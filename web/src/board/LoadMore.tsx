/** The "more" button under a paged board list (exits, missed rounds): shown while pages remain. */
import { useTranslation } from 'react-i18next';
import type { PagedList } from './paged.ts';

export function LoadMore({ list, label }: { list: Pick<PagedList<unknown>, 'hasMore' | 'loadingMore' | 'loadMore'>; label: string }) {
  const { t } = useTranslation();
  if (!list.hasMore) return null;
  return (
    <button type="button" className="button board-more" disabled={list.loadingMore} onClick={list.loadMore}>
      {list.loadingMore ? t('app.loading') : label}
    </button>
  );
}
