/**
 * The tasks view as the e2e journeys drive it on a phone: a household's tile, recording its
 * visit, the header's sync state, and the API's answers to the page's task writes (to prove what
 * the outbox sent, and how often).
 */
import type { Page } from 'playwright-core';
import zh from '#web/src/locales/zh-CN/tasks.json' with { type: 'json' };

export const household = (page: Page, id: string) => page.locator(`.household[data-household-id="${id}"]`);
export const markOf = (page: Page, id: string) => household(page, id).getAttribute('data-mark');
export const syncState = (page: Page) => page.locator('.sync-status').getAttribute('data-sync-state');

/** A returnee met at the door: where they came back from and the day (YYYY-MM-DD), as the form asks. */
export interface Returnee {
  readonly origin: string;
  readonly date: string;
}

/**
 * Opens the household's visit form, picks the outcome (and people for a visit that met some),
 * ticks the returnee flag with its details when given, saves.
 */
export async function recordVisit(page: Page, id: string, outcome: keyof typeof zh.tasks.outcome, people = 0, returnee?: Returnee): Promise<void> {
  await household(page, id).click();
  await page.getByRole('radio', { name: zh.tasks.outcome[outcome] }).check();
  for (let i = 1; i < people; i++) await page.getByRole('button', { name: zh.tasks.visit.more }).click();
  if (returnee) {
    await page.getByRole('checkbox', { name: zh.tasks.flag.returnee }).check();
    await page.getByLabel(zh.tasks.visit.origin, { exact: true }).fill(returnee.origin);
    await page.getByLabel(zh.tasks.visit.returnDate, { exact: true }).fill(returnee.date);
  }
  await page.getByRole('button', { name: zh.tasks.visit.save }).click();
  await household(page, id).waitFor();
}

export interface Answered {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly idempotencyKey: string | undefined;
}

/** Every answer the page got to a write on a task (requests lost to a dead network get none). */
export function taskWrites(page: Page): Answered[] {
  const answered: Answered[] = [];
  page.on('response', (response) => {
    const request = response.request();
    const { pathname } = new URL(response.url());
    if (request.method() !== 'POST' || !pathname.startsWith('/v1/tasks/')) return;
    answered.push({ method: request.method(), path: pathname, status: response.status(), idempotencyKey: request.headers()['idempotency-key'] });
  });
  return answered;
}
