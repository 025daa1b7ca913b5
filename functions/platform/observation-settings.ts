/**
 * The knobs of home health observation, from the environment (CDK and the local runtime may set
 * them; each deployment is a city, so these are the city's):
 * - OBSERVATION_AM_WINDOW, OBSERVATION_PM_WINDOW: the report windows in China time, `HH:MM-HH:MM`
 *   (default 06:00-12:00 and 17:00-22:00; an evening window may run past midnight);
 * - OBSERVATION_DAYS: the period in days (default 14), OBSERVATION_DAYS_<CATEGORY> per category
 *   (e.g. OBSERVATION_DAYS_CLOSE_CONTACT=7);
 * - TEST_EVERY_DAYS: a nucleic-acid test every this many days (default 7);
 * - TEST_ON_ARRIVAL: categories tested on the first day, comma-separated (default `returnee`; `none` for none).
 * Read on each call, so tests can change them between requests; a malformed value keeps the default.
 */
import {
  DEFAULT_OBSERVATION_SETTINGS, OBSERVATION_CATEGORIES, parseDays, parseWindow, windowsOverlap,
  type ObservationCategory, type ObservationSettings,
} from '#shared/domain/observation.ts';

export function observationSettings(): ObservationSettings {
  const d = DEFAULT_OBSERVATION_SETTINGS;
  const windows = {
    am: parseWindow(process.env.OBSERVATION_AM_WINDOW) ?? d.windows.am,
    pm: parseWindow(process.env.OBSERVATION_PM_WINDOW) ?? d.windows.pm,
  };
  const allDays = parseDays(process.env.OBSERVATION_DAYS);
  const days = Object.fromEntries(OBSERVATION_CATEGORIES.map((c) =>
    [c, parseDays(process.env[`OBSERVATION_DAYS_${c.toUpperCase()}`]) ?? allDays ?? d.days[c]])) as Record<ObservationCategory, number>;
  const arrival = process.env.TEST_ON_ARRIVAL?.split(',').map((c) => c.trim()).filter((c): c is ObservationCategory =>
    (OBSERVATION_CATEGORIES as readonly string[]).includes(c));
  return {
    // Overlapping windows would let one report fill two slots: keep the defaults rather.
    windows: windowsOverlap(windows) ? d.windows : windows,
    days,
    testEveryDays: parseDays(process.env.TEST_EVERY_DAYS) ?? d.testEveryDays,
    testOnArrival: process.env.TEST_ON_ARRIVAL === undefined ? d.testOnArrival : arrival ?? [],
  };
}
