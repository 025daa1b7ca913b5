/**
 * An exit's shifts around now (the API's default window: the last and the next 24 hours): the
 * missed clock-ins (擅离职守 / 打卡不严) and the stretches no shift covers.
 */
import { useTranslation } from 'react-i18next';
import { useAsync } from '../hooks/useAsync.ts';
import { ErrorNotice } from '../layout/ErrorNotice.tsx';
import { useApi } from '../services.tsx';

export function ShiftsPanel({ exitId }: { exitId: string }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const shifts = useAsync(`shifts|${exitId}`, (signal) => api.call('listShifts', { params: { id: exitId } }, { signal }));
  const time = new Intl.DateTimeFormat(i18n.language, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Shanghai' });
  const at = (iso: string) => time.format(new Date(iso));
  if (shifts.error !== undefined) return <ErrorNotice title={t('board.shifts.failed')} error={shifts.error} onRetry={shifts.reload} />;
  if (!shifts.data) return <p className="board-status">{t('app.loading')}</p>;
  const { missedClockIns, gaps } = shifts.data;
  return (
    <div className="board-shifts" data-testid="board-shifts">
      <h4>{t('board.shifts.missed', { count: missedClockIns.length })}</h4>
      <ul>
        {missedClockIns.map((s) => (
          <li key={s.id} data-clock-in={s.clockIn}>
            <span data-testid="shift-person">{s.personName ?? t('board.shifts.unknownPerson')}</span> · {at(s.start)}–{at(s.end)} · {t(`board.clockIn.${s.clockIn}`)}
            {s.clockInAt && ` (${at(s.clockInAt)})`}
          </li>
        ))}
      </ul>
      <h4>{t('board.shifts.gaps', { count: gaps.length })}</h4>
      <ul>
        {gaps.map((g) => (
          <li key={g.start}>
            {at(g.start)}–{at(g.end)}
          </li>
        ))}
      </ul>
    </div>
  );
}
