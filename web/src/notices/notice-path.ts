/**
 * The gate notice's addresses: `/notices?compound=` (report cases, edit the responsibility list
 * and hotlines, confirm the notice posted) and `/notices/print?compound=` (the A4 notice), read
 * back from the URL.
 */
export const NOTICES_PATH = '/notices';
export const NOTICE_PRINT_PATH = '/notices/print';

export const noticesPath = (compoundId: string): string => `${NOTICES_PATH}?compound=${encodeURIComponent(compoundId)}`;
export const noticePrintPath = (compoundId: string): string => `${NOTICE_PRINT_PATH}?compound=${encodeURIComponent(compoundId)}`;

export interface NoticeRequest {
  readonly compound: string | undefined;
  readonly print: boolean;
}

/** What the location asks of the notices view: which compound, and whether to print its notice. */
export function noticeRequestOf(pathname: string, search: string): NoticeRequest {
  const compound = new URLSearchParams(search).get('compound') ?? undefined;
  return { compound: compound || undefined, print: pathname.replace(/\/$/, '') === NOTICE_PRINT_PATH && Boolean(compound) };
}
