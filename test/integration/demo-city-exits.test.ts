/**
 * The seeded demo city's exits through the API, as `npm start` serves them: every exit rule
 * broken somewhere, with responsibility lists, and the handy duty user's shifts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCity } from '#infra/local/demo/city.ts';
import { seedCity } from '#infra/local/demo/seed.ts';
import { EXIT_RULE_CODES } from '#shared/schemas/exit.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

const city = generateCity();
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ users: city.users, seed: () => seedCity(city).then(() => undefined) });
});
afterAll(() => stack?.stop());

interface Page {
  items: { id: string; compoundId: string; reasons: { code: string }[]; responsible?: unknown }[];
  nextToken?: string;
}

async function all(username: string): Promise<Page['items']> {
  const client = await stack.as(username);
  const items: Page['items'] = [];
  let token: string | undefined;
  do {
    const res = await client.get(`/v1/exits?status=unresolved&limit=50${token ? `&nextToken=${encodeURIComponent(token)}` : ''}`);
    expect(res.status, await res.clone().text()).toBe(200);
    const page = (await res.json()) as Page;
    items.push(...page.items);
    token = page.nextToken;
  } while (token);
  return items;
}

describe('the seeded demo city\'s exits', () => {
  it('has exits breaking every rule on first start, each with the responsibility list, and most exits resolved', async () => {
    const items = await all('official-city');
    const codes = new Set(items.flatMap((i) => i.reasons.map((r) => r.code)));
    expect([...codes].sort()).toEqual([...EXIT_RULE_CODES].sort());
    expect(items.every((i) => i.responsible !== undefined)).toBe(true);
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    expect(items.length).toBeLessThan(city.exits.length / 2);
  });

  it('lets the handy duty user see the shifts of their exit, with clock-ins', async () => {
    const duty = city.users.find((u) => u.role === 'duty');
    const exitId = duty?.jurisdiction.exitIds?.[0] ?? '';
    const res = await (await stack.as(duty?.username ?? '')).get(`/v1/exits/${exitId}/shifts`);
    expect(res.status, await res.clone().text()).toBe(200);
    const body = (await res.json()) as { items: { person: string; clockIn: string }[] };
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.items.every((s) => s.person === duty?.username)).toBe(true);
    expect(body.items.some((s) => s.clockIn === 'on_time')).toBe(true);
  });
});
