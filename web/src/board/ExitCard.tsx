/**
 * One unresolved exit on the board: compound and exit, its reasons (each with the API's own
 * explanation), how long it has been unresolved, the responsible person as the API shows them
 * to the role, and the actions that resolve it.
 */
import { useTranslation } from 'react-i18next';
import type { Role } from '#shared/roles.ts';
import { ExitActions } from './ExitActions.tsx';
import type { UnresolvedExit } from './grouping.ts';
import { relativeTime } from './relative-time.ts';

export interface ExitCardProps {
  readonly exit: UnresolvedExit;
  readonly role: Role;
  readonly communityName: string | undefined;
  readonly now: number;
  readonly selected: boolean;
  onSelect(exitId: string): void;
  onAct(exitId: string, action: () => Promise<unknown>): Promise<void>;
  /** Why the last action on this exit failed, if it did. */
  readonly failure: unknown;
}

export function ExitCard({ exit, role, communityName, now, selected, onSelect, onAct, failure }: ExitCardProps) {
  const { t, i18n } = useTranslation();
  const person = exit.responsible?.responsiblePerson;
  return (
    <li className="board-exit" data-exit-id={exit.id} data-reason={exit.reasons[0]?.code} data-selected={selected || undefined}>
      <div className="board-exit-head">
        <h3>
          <button type="button" className="button-link board-exit-name" onClick={() => onSelect(exit.id)} aria-pressed={selected}>
            {exit.compoundName} · {exit.name}
          </button>
        </h3>
        <span className="board-exit-status" data-status={exit.status}>{t(`board.exitStatus.${exit.status}`)}</span>
      </div>
      <p className="board-exit-meta">
        {communityName && <span className="board-exit-community">{communityName}</span>}
        <time dateTime={exit.since} title={new Date(exit.since).toLocaleString(i18n.language)} className="board-exit-since">
          {t('board.since', { when: relativeTime(exit.since, now, i18n.language) })}
        </time>
      </p>
      <ul className="board-reasons">
        {exit.reasons.map((r) => (
          <li key={r.code} data-reason={r.code}>
            <span className="board-reason-tag" data-reason={r.code}>{t(`board.reasons.${r.code}`)}</span> {r.message}
          </li>
        ))}
      </ul>
      <p className="board-responsible">
        <span className="board-responsible-label">{t('board.responsible')}</span>{' '}
        {person ? (
          <>
            <span data-testid="responsible-name">{person.name}</span> <a href={`tel:${person.phone}`}>{person.phone}</a>
          </>
        ) : (
          t('board.noResponsible')
        )}
      </p>
      <ExitActions exit={exit} role={role} onAct={onAct} failure={failure} />
    </li>
  );
}
