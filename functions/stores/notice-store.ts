/**
 * The gate notice's own items under the compound's partition: its hotlines
 * (`COMPOUND#<c> / HOTLINES`) and each printing or posting of the notice
 * (`COMPOUND#<c> / NOTICE#<day>#<at>#<unique>`, so a China day's are one begins_with). Both write
 * their audit record on the compound's trail. The scorecard's "notices posted" item reads its
 * evidence here: `noticePostedOn` and `responsibilityComplete`.
 */
import { randomUUID } from 'node:crypto';
import type { Caller } from '#shared/roles.ts';
import type { Hotline, Hotlines, NoticePosting } from '#shared/schemas/notice.ts';
import { RESPONSIBILITY_ROLES } from '#shared/schemas/constants.ts';
import { keys } from '#shared/table.ts';
import { auditItem } from './audit-store.ts';
import { postedResponsibility } from './responsibility-store.ts';
import { withoutKeys } from '../platform/list-sources.ts';
import { getItem, queryAll, transactWrite, type Item } from '../platform/table.ts';

/** The compound's hotlines as posted; an empty list when none were set. */
export async function hotlinesOf(compoundId: string, options: { consistent?: boolean } = {}): Promise<Hotlines> {
  const item = await getItem<Item>(keys.hotlines(compoundId), options);
  return item ? withoutKeys<Hotlines>(item) : { compoundId, hotlines: [] };
}

/** Replaces the compound's hotlines, with an audit record of the labels and phones (they are public). */
export async function saveHotlines(compoundId: string, hotlines: readonly Hotline[], caller: Caller, at: string): Promise<Hotlines> {
  const current = await hotlinesOf(compoundId, { consistent: true });
  const next: Hotlines = { compoundId, hotlines: [...hotlines], updatedAt: at, updatedBy: caller.name ?? caller.username };
  const said = (lines: readonly Hotline[]) => lines.map((l) => `${l.label} ${l.phone}`).join('; ');
  await transactWrite([
    { put: { ...keys.hotlines(compoundId), type: 'hotlines', ...next } },
    {
      put: auditItem({
        entity: 'COMPOUND', entityId: compoundId, action: 'hotlines', caller, at,
        changes: { hotlines: { from: current.hotlines.length > 0 ? said(current.hotlines) : null, to: said(hotlines) } },
      }),
    },
  ]);
  return next;
}

/** Records that the compound's gate notice was printed or posted on a China day, by whom and when. */
export async function recordNoticePosted(posting: NoticePosting, caller: Caller): Promise<NoticePosting> {
  await transactWrite([
    { put: { ...keys.noticePosted(posting.compoundId, posting.date, posting.at, randomUUID().slice(0, 8)), type: 'noticePosted', ...posting } },
    {
      put: auditItem({
        entity: 'COMPOUND', entityId: posting.compoundId, action: 'notice-posted', caller, at: posting.at,
        changes: { notice: { from: null, to: `${posting.date} ${posting.how}` } },
      }),
    },
  ]);
  return posting;
}

/** Every printing or posting of the compound's notice on a China day, oldest first. */
export async function noticePostings(compoundId: string, chinaDay: string): Promise<NoticePosting[]> {
  const day = keys.noticePostedDay(compoundId, chinaDay);
  const items = await queryAll<Item>({ partition: day.pk, beginsWith: day.beginsWith });
  return items.map((item) => withoutKeys<NoticePosting>(item));
}

/**
 * The scorecard's evidence that the gate notice was up on a China day: its first printing or
 * posting that day (who, when, how), or undefined when there was none.
 */
export async function noticePostedOn(compoundId: string, chinaDay: string): Promise<NoticePosting | undefined> {
  return (await noticePostings(compoundId, chinaDay))[0];
}

/** The scorecard's evidence that the responsibility list is complete: every role posted with a name and a phone. */
export async function responsibilityComplete(compoundId: string): Promise<boolean> {
  const list = await postedResponsibility(compoundId);
  return list !== undefined && RESPONSIBILITY_ROLES.every((role) => list[role].name.trim() !== '' && list[role].phone.trim() !== '');
}
