/**
 * When something happened, as the map's panels write it: month, day and time, with the year
 * only when it is not this year ("2/18 23:00" this year, "2025/2/18 23:00" before), so an old
 * record is never read as a recent one.
 */
export function dateTime(iso: string, language: string, now: Date = new Date()): string {
  const at = new Date(iso);
  const format = new Intl.DateTimeFormat(language, {
    ...(at.getFullYear() === now.getFullYear() ? {} : { year: 'numeric' }),
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
  return format.format(at);
}
