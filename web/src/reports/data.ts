/**
 * What the daily report views (日报告、零报告) read and send: a compound's report of a day, its
 * submission, the roll-up of a day, and the roll-up's .xlsx download. Calls go by operation id
 * through the catalogue (web/src/api/client.ts); the shapes are the API's
 * (shared/schemas/daily-report.ts).
 */
import { useCallback } from 'react';
import { routes } from '#shared/catalogue/index.ts';
import { chinaDay } from '#shared/domain/china-time.ts';
import type { DailyReport, DailyReportRollup } from '#shared/schemas/daily-report.ts';
import { ApiError } from '../api/errors.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { currentLanguage } from '../i18n.ts';
import { useApi, useServices } from '../services.tsx';

export type { DailyReport, DailyReportRollup };
export type RollupRow = DailyReportRollup['items'][number];
export type Figures = DailyReport['figures'];

/** Today in China (a day's reports are China days). */
export const chinaToday = (now: number = Date.now()): string => chinaDay(new Date(now).toISOString());

/** Which roll-up: the caller's whole jurisdiction, or one community or street in it. */
export type RollupScope = { readonly communityId?: string; readonly streetId?: string };

export function useDailyReport(compoundId: string | undefined, date: string, version: number) {
  const api = useApi();
  return useAsync(compoundId ? `daily-report|${compoundId}|${date}|${version}` : null, (signal) =>
    api.call('getDailyReport', { params: { compoundId: compoundId ?? '', date } }, { signal }));
}

export function useRollup(date: string, scope: RollupScope, version: number) {
  const api = useApi();
  return useAsync(`daily-rollup|${date}|${scope.communityId ?? ''}|${scope.streetId ?? ''}|${version}`, (signal) =>
    api.call('listDailyReports', { query: { date, ...scope } }, { signal }));
}

export function useSubmitReport() {
  const api = useApi();
  return useCallback(
    (compoundId: string, date: string, body: { zero?: boolean; note?: string }) =>
      api.call('submitDailyReport', { params: { compoundId, date }, body }),
    [api],
  );
}

/**
 * The roll-up's workbook, fetched with the session's token (a plain link would carry none) and
 * handed to the browser as a download named as the API names it.
 */
export function useDownloadExport() {
  const { config, sessions } = useServices();
  return useCallback(async (date: string, scope: RollupScope): Promise<void> => {
    const query = new URLSearchParams({ date, ...(scope.communityId ? { communityId: scope.communityId } : {}), ...(scope.streetId ? { streetId: scope.streetId } : {}) });
    const token = sessions.getState().session?.token;
    const response = await fetch(`${config.apiUrl}${routes.exportDailyReports.path}?${query.toString()}`, {
      headers: { 'accept-language': currentLanguage(), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    });
    if (!response.ok) throw new ApiError('exportDailyReports', response.status, `exportDailyReports answered ${response.status}`);
    const url = URL.createObjectURL(await response.blob());
    const link = document.createElement('a');
    link.href = url;
    link.download = `日报告-${date}.xlsx`;
    document.body.append(link);
    link.click();
    link.remove();
    // The click has handed the file to the browser; the object URL may go once it has read it.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }, [config.apiUrl, sessions]);
}
