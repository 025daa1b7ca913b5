/**
 * Lease time left, counted on the phone's clock from the API's own count (`leaseSecondsLeft`
 * when it answered), so a phone whose clock is wrong still shows the right time left; and the
 * time of day as the field views show it.
 */
import { useEffect, useState } from 'react';

/** Re-renders every `everyMs` and answers the current time. */
export function useNow(everyMs = 15_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** Whole minutes left (rounded down, never below 0) of a lease the API counted at `answeredAt`. */
export function minutesLeft(leaseSecondsLeft: number | null, answeredAt: number, now: number): number | null {
  if (leaseSecondsLeft === null) return null;
  const left = leaseSecondsLeft * 1000 - (now - answeredAt);
  return Math.max(0, Math.floor(left / 60_000));
}

/** The time of day, HH:mm on a 24-hour clock, in the app's language. */
export const clockTime = (at: string | number, language: string): string =>
  new Date(at).toLocaleTimeString(language, { hour: '2-digit', minute: '2-digit', hour12: false });

/** The day and time of day (month/day HH:mm, 24-hour clock) in the app's language: when a step of a record happened. */
export const dayTime = (at: string | number, language: string): string =>
  new Date(at).toLocaleString(language, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });
