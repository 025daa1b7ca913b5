/**
 * The officials' board (督查看板), home view of officials and open to city staff and community
 * admins: unresolved exits grouped by reason or by community, oldest first, with who is
 * responsible and the actions that resolve them; the same exits on a map beside the list;
 * missed disinfection rounds and open lockdown suggestions beside them. Filters by community
 * (asked of the API) and reason; pages load on request. On a phone the list and the map take
 * the screen in turn, switched by two buttons at the top (the list first).
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import '../styles/board.css';
import { ErrorNotice } from '../layout/ErrorNotice.tsx';
import { useSession } from '../services.tsx';
import { BoardFilters } from './BoardFilters.tsx';
import { BoardMap } from './BoardMap.tsx';
import { useCommunityNames, useLockdownSuggestions, useUnresolvedExits } from './data.ts';
import { ExitCard } from './ExitCard.tsx';
import { countByReason, groupExits, withReason, type ExitRuleCode, type Grouping } from './grouping.ts';
import { LoadMore } from './LoadMore.tsx';
import { LockdownSuggestions } from './LockdownSuggestions.tsx';
import { MissedRounds } from './MissedRounds.tsx';

const MINUTE = 60_000;

/** The time "since" is measured from, moved on every minute. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), MINUTE);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export function BoardPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const role = session?.user.role ?? 'official';
  const now = useNow();
  const [communityId, setCommunityId] = useState<string>();
  const [reason, setReason] = useState<ExitRuleCode>();
  const [grouping, setGrouping] = useState<Grouping>('reason');
  const [selectedId, setSelectedId] = useState<string>();
  /** What a phone shows (a wider screen shows both side by side). */
  const [pane, setPane] = useState<'list' | 'map'>('list');
  const communityNames = useCommunityNames();
  const list = useUnresolvedExits(communityId);
  const suggestions = useLockdownSuggestions(communityId);

  const counts = useMemo(() => countByReason(list.exits), [list.exits]);
  const shown = useMemo(() => withReason(list.exits, reason), [list.exits, reason]);
  // Filtered to one reason, the list is that reason's group (not the other reasons of its exits).
  const groups = useMemo(
    () => groupExits(shown, grouping).filter((g) => grouping !== 'reason' || !reason || g.key === reason),
    [shown, grouping, reason],
  );
  const groupTitle = (key: string) =>
    grouping === 'reason' ? t(`board.reasons.${key}`) : communityNames.get(key) ?? (key || t('board.noCommunity'));
  const select = (id: string) => {
    setSelectedId(id);
    document.querySelector(`.board-exit[data-exit-id="${CSS.escape(id)}"]`)?.scrollIntoView({ block: 'nearest' });
  };

  return (
    <main id="main" className="board-page" data-pane={pane} data-state={list.loading ? 'loading' : list.acting > 0 ? 'acting' : 'ready'}>
      <div className="board-pane-switch" role="group" aria-label={t('board.paneLabel')}>
        {(['list', 'map'] as const).map((p) => (
          <button key={p} type="button" className="button" aria-pressed={pane === p} data-pane={p} onClick={() => setPane(p)}>
            {t(`board.pane.${p}`)}
          </button>
        ))}
      </div>
      <div className="board-list">
        <header className="board-header">
          <h1>{t('board.title')}</h1>
          <p className="board-total" role="status">
            {list.loading ? t('app.loading') : t('board.total', { count: list.exits.length, more: list.hasMore ? '+' : '' })}
          </p>
          <button type="button" className="button button-quiet" onClick={() => { list.reload(); suggestions.reload(); }}>
            {t('board.refresh')}
          </button>
        </header>
        <BoardFilters
          communityNames={communityNames}
          communityId={communityId}
          onCommunityChange={(id) => { setCommunityId(id); setSelectedId(undefined); }}
          reason={reason}
          onReasonChange={setReason}
          grouping={grouping}
          onGroupingChange={setGrouping}
          counts={counts}
        />
        {suggestions.error !== undefined && <ErrorNotice title={t('board.lockdown.failed')} error={suggestions.error} onRetry={suggestions.reload} />}
        {suggestions.data && (
          <LockdownSuggestions alerts={suggestions.data.items} role={role} now={now} onDone={suggestions.reload} />
        )}
        <MissedRounds communityId={communityId} communityNames={communityNames} />
        {list.error !== undefined && <ErrorNotice title={t('board.failed')} error={list.error} onRetry={list.reload} />}
        {!list.loading && shown.length === 0 && list.error === undefined && <p className="board-empty">{t('board.empty')}</p>}
        {groups.map((group) => (
          <section key={group.key} className="board-section board-group" data-group={group.key} aria-labelledby={`group-${group.key}`}>
            <h2 id={`group-${group.key}`}>
              {grouping === 'reason' && <span className="board-reason-tag" data-reason={group.key} aria-hidden="true">{t(`board.marks.${group.key}`)}</span>}
              {groupTitle(group.key)}{' '}
              <span className="board-count" data-count={group.exits.length}>{group.exits.length}</span>
            </h2>
            <ol className="board-exit-list">
              {group.exits.map((exit) => (
                <ExitCard
                  key={exit.id}
                  exit={exit}
                  role={role}
                  communityName={exit.communityId ? communityNames.get(exit.communityId) : undefined}
                  now={now}
                  selected={exit.id === selectedId}
                  onSelect={setSelectedId}
                  onAct={list.act}
                  failure={list.failures.get(exit.id)}
                />
              ))}
            </ol>
          </section>
        ))}
        <LoadMore list={list} label={t('board.loadMore')} />
      </div>
      <div className="board-map-area" aria-label={t('board.mapLabel')} role="region">
        <BoardMap exits={shown} selectedId={selectedId} onSelect={select} />
      </div>
    </main>
  );
}
