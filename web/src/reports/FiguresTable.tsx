/** The day's figures of a compound (or a roll-up's sums) as one labelled list, in the order the forms list them. */
import { useTranslation } from 'react-i18next';
import type { Figures } from './data.ts';

/** Each shown line: its label key under reports.figures and its value. */
export function figureLines(f: Figures): [string, string | number][] {
  return [
    ['entriesIn', f.entries.in],
    ['entriesOut', f.entries.out],
    ['refused', f.entries.refused],
    ['fevers', f.entries.fevers],
    ['confirmed', f.cases.confirmed],
    ['suspected', f.cases.suspected],
    ['asymptomatic', f.cases.asymptomatic],
    ['sweep', f.sweep ? `${f.sweep.householdsVisited}/${f.sweep.households} (${Math.round(f.sweep.coverage * 100)}%)` : '—'],
    ['rounds', `${f.rounds.done}/${f.rounds.required}`],
    ['observed', f.observation.people],
    ['missedSlots', f.observation.missedSlots],
    ['symptoms', f.alerts.symptoms],
    ['openAlerts', f.alerts.open],
    ['helpOpen', f.helpOpen],
    ['ordersOpen', f.ordersOpen],
    ['exitsUnresolved', f.exitsUnresolved],
  ];
}

export function FiguresTable({ figures }: { figures: Figures }) {
  const { t } = useTranslation();
  return (
    <dl className="report-figures">
      {figureLines(figures).map(([key, value]) => (
        <div key={key} className="report-figure" data-figure={key}>
          <dt>{t(`reports.figures.${key}`)}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
