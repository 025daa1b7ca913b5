/**
 * Six in place and inspections (六个到位, 督导检查, /inspections): overseers choose a compound and see
 * its scorecard of today (each item in place or not, with the evidence); officials and city staff
 * record an inspection there (the six items checked on site, findings, photos taken with the
 * phone's camera, the responsible person picked from the compound's responsibility list, a
 * deadline); the list of inspections, where the community records each rectification; and the
 * accountability list (追责问责): per responsible person, open findings and missed duties.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '#shared/roles.ts';
import { mayCall } from '../api/may.ts';
import { CompoundPicker } from '../passes/CompoundPicker.tsx';
import { useSession } from '../services.tsx';
import { AccountabilityPanel } from './AccountabilityPanel.tsx';
import { InspectionForm } from './InspectionForm.tsx';
import { InspectionList } from './InspectionList.tsx';
import { ScorecardPanel } from './ScorecardPanel.tsx';

export function InspectionsPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const role: Role = session?.user.role ?? 'official';
  const [compound, setCompound] = useState<{ id: string; name: string }>();
  const [version, setVersion] = useState(0);
  const [said, setSaid] = useState<string>();
  const [recording, setRecording] = useState(false);
  return (
    <main id="main" className="inspections-page">
      <h1>{t('inspections.title')}</h1>
      {said && <p className="notice" role="status">{said}</p>}
      <CompoundPicker role={role} compoundId={compound?.id} onChoose={(c) => { setCompound(c); setRecording(false); }} />
      {compound && (
        <>
          <ScorecardPanel key={`${compound.id}|${version}`} compoundId={compound.id} compoundName={compound.name} />
          {mayCall(role, 'createInspection') && (recording
            ? (
              <InspectionForm
                compoundId={compound.id}
                compoundName={compound.name}
                onCancel={() => setRecording(false)}
                onDone={() => {
                  setRecording(false);
                  setSaid(t('inspections.form.recorded', { compound: compound.name }));
                  setVersion((n) => n + 1);
                }}
              />
            )
            : <button type="button" className="button button-primary" onClick={() => { setSaid(undefined); setRecording(true); }}>{t('inspections.form.start')}</button>)}
        </>
      )}
      <InspectionList key={`${compound?.id ?? ''}|${version}`} role={role} compoundId={compound?.id} onChanged={() => setVersion((n) => n + 1)} />
      <AccountabilityPanel key={`acc|${version}`} />
    </main>
  );
}
