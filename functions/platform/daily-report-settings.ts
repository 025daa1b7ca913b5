/**
 * The knob of the daily report (日报告), from the environment like the observation settings
 * (each deployment is a city, so this is the city's): DAILY_REPORT_DEADLINE, the China time a
 * day's reports are due, `HH:MM` (default 18:00). Read on each call, so tests can change it
 * between requests; a malformed value keeps the default.
 */
import { DEFAULT_DAILY_REPORT_DEADLINE, deadlineOf, parseDeadline } from '#shared/domain/daily-report.ts';

export const dailyReportDeadlineTime = (): string => parseDeadline(process.env.DAILY_REPORT_DEADLINE) ?? DEFAULT_DAILY_REPORT_DEADLINE;

/** When the reports of a China day are due. */
export const dailyReportDeadline = (day: string): string => deadlineOf(day, dailyReportDeadlineTime());
