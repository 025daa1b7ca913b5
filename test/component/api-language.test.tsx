/**
 * The app's language is the API's: every call sends Accept-Language from i18next (not the
 * browser's), and switching the language loads what is shown again, so texts the API writes
 * (an exit's reasons) follow the switch. Through the real client and useAsync, as every view
 * loads; the API is answered by the test in the language asked.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { useApi } from '#web/src/services.tsx';
import { useAsync } from '#web/src/hooks/useAsync.ts';
import { changeLanguage } from '#web/src/i18n.ts';
import { renderWithServices, type Call } from './render.tsx';

const REASONS: Record<string, string> = { 'zh-CN': '多开了出入口', en: 'one exit too many is open' };

/** What a view does: load with useAsync through the API client, show the API's text. */
function Reasons() {
  const api = useApi();
  const exits = useAsync('exits', (signal) => api.call('listExits', { query: { status: 'unresolved' } }, { signal }));
  return <ul className="probe">{exits.data?.items.flatMap((e) => e.reasons.map((r) => <li key={e.id + r.code}>{r.message}</li>))}</ul>;
}

function answerIn(language: string | undefined) {
  return {
    items: [{
      id: 'e1', compoundId: 'c_1', compoundName: '小区', communityId: 'cm1', streetId: 's1', name: '东门', status: 'open', location: [112.6, 31.1],
      reasons: [{ code: 'surplus_open_exit', message: REASONS[language ?? ''] ?? '?', since: '2026-12-01T00:00:00.000Z' }], since: '2026-12-01T00:00:00.000Z',
    }],
  };
}

const shown = () => document.querySelector('.probe')?.textContent;

afterEach(async () => {
  await changeLanguage('zh-CN');
  document.body.replaceChildren();
});

describe('the API\'s language', () => {
  it('is the app\'s: Chinese by default, English after the switch, loaded again on the switch', async () => {
    // Prepare: the app's language is Chinese (the default), whatever the browser's own.
    const { calls, languages } = renderWithServices(<Reasons />, (call: Call) => answerIn(languages[calls.indexOf(call)]));

    // Assess: the first load asked in Chinese and shows the Chinese reason.
    await expect.poll(shown).toBe(REASONS['zh-CN']);
    expect(languages).toEqual(['zh-CN']);

    // Act
    await changeLanguage('en');

    // Assess: loaded again, asked in English, and the English reason replaced the Chinese one.
    await expect.poll(shown).toBe(REASONS.en);
    expect(languages).toEqual(['zh-CN', 'en']);
    expect(calls.map((c) => c.path)).toEqual(['/v1/exits?status=unresolved', '/v1/exits?status=unresolved']);
  });
});
