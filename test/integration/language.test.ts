/**
 * The API answers in the caller's language (Accept-Language, chosen once at the edge): the same
 * refusal in Chinese and in English — its title, detail and field messages — with the same
 * stable codes, and Content-Language naming the language. Chinese when no language is asked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { SWEEP_QUEUES, launchAndDrain, seedSweepCity, sweepUsers } from './sweep-support.ts';

let stack: TestStack;
let taskId: string;

beforeAll(async () => {
  stack = await startTestStack({ users: sweepUsers, seed: () => seedSweepCity(), queueOptions: SWEEP_QUEUES });
  const city = await stack.as('city');
  const campaignId = (await launchAndDrain(stack, city, { kind: 'sweep', scope: { type: 'community', id: 'cm1' } })).id;
  taskId = `${campaignId}.b_a2`;
  expect((await (await stack.as('grid-g1')).post(`/v1/tasks/${taskId}/claim`)).status).toBe(200);
});
afterAll(() => stack.stop());

interface ProblemBody {
  title: string;
  detail?: string;
  code?: string;
  errors?: { field: string; message: string; code?: string }[];
}

async function problemIn(language: string | undefined, path: string, body?: unknown): Promise<{ status: number; contentLanguage: string | null; problem: ProblemBody }> {
  const worker = await stack.as('grid-g1-1');
  const headers: Record<string, string> = language === undefined ? {} : { 'accept-language': language };
  const res = await worker.request('POST', path, { body, headers });
  return { status: res.status, contentLanguage: res.headers.get('content-language'), problem: (await res.json()) as ProblemBody };
}

describe('a refusal in the caller\'s language', () => {
  it('says a claim of a task someone else holds in Chinese or in English, with one code', async () => {
    // Act
    const zh = await problemIn('zh-CN,zh;q=0.9', `/v1/tasks/${taskId}/claim`);
    const en = await problemIn('en-US,en;q=0.9', `/v1/tasks/${taskId}/claim`);

    // Assess
    expect(zh.status).toBe(409);
    expect(en.status).toBe(409);
    expect(zh.contentLanguage).toBe('zh-CN');
    expect(en.contentLanguage).toBe('en');
    expect(zh.problem).toMatchObject({ title: '状态冲突', code: 'task.taken', detail: expect.stringMatching(/^该任务已被其他人领取/) });
    expect(en.problem).toMatchObject({ title: 'Conflict', code: 'task.taken', detail: expect.stringMatching(/^the task is held by another worker until /) });
  });

  it('says the fields at fault in the language, zod\'s own messages included', async () => {
    // Prepare: a visit to a household of the task with a field it does not know and a bad count.
    const visit = { visitId: 'v-lang-1', householdId: '1-1-101', outcome: 'seen_all', peopleSeen: 'two', colour: 'red' };

    // Act
    const zh = await problemIn('zh', `/v1/tasks/${taskId}/visits`, visit);
    const en = await problemIn('en', `/v1/tasks/${taskId}/visits`, visit);

    // Assess
    expect(zh.status).toBe(400);
    const byField = (p: ProblemBody) => Object.fromEntries((p.errors ?? []).map((e) => [e.field, e]));
    expect(byField(zh.problem)['body.colour']).toEqual({ field: 'body.colour', message: '不是可识别的字段', code: 'field.unknown' });
    expect(byField(en.problem)['body.colour']).toEqual({ field: 'body.colour', message: 'is not a known field', code: 'field.unknown' });
    expect(byField(zh.problem)['body.peopleSeen']?.message).toMatch(/[\u4e00-\u9fff]/);
    expect(byField(en.problem)['body.peopleSeen']?.message).toMatch(/^Invalid input/);
    expect(zh.problem.title).toBe('请求无效');
    expect(zh.problem.detail).toContain('body.colour: 不是可识别的字段');
  });

  it('says what is wrong with an outline in the language, where it lies', async () => {
    // Prepare: a bow tie, whose ring crosses itself.
    const [x, y] = [112.58, 31.12];
    const bowTie = { type: 'Polygon', coordinates: [[[x, y], [x + 0.002, y + 0.002], [x + 0.002, y], [x, y + 0.002], [x, y]]] };
    const city = await stack.as('city');
    const post = async (language: string) => (await city.request('POST', '/v1/compounds', {
      body: { name: '蝴蝶小区', geometry: bowTie }, headers: { 'accept-language': language },
    })).json() as Promise<ProblemBody>;

    // Act
    const [zh, en] = [await post('zh-CN'), await post('en')];

    // Assess
    expect(zh.errors?.[0]).toMatchObject({ code: 'geo.ring-self-cross', message: expect.stringMatching(/^环自相交叉/) });
    expect(en.errors?.[0]).toMatchObject({ code: 'geo.ring-self-cross', message: expect.stringMatching(/^the ring crosses itself/) });
    expect(zh.errors?.[0]?.field).toBe(en.errors?.[0]?.field);
  });

  it('answers in Chinese, the app\'s default, when no language it speaks is asked', async () => {
    const none = await problemIn('*', `/v1/tasks/${taskId}/claim`);
    const french = await problemIn('fr-FR', `/v1/tasks/${taskId}/claim`);
    expect(none.contentLanguage).toBe('zh-CN');
    expect(none.problem.title).toBe('状态冲突');
    expect(french.problem.code).toBe('task.taken');
    expect(french.contentLanguage).toBe('zh-CN');
  });

  it('names the language of a successful answer too', async () => {
    const official = await stack.as('official-city');
    const res = await official.request('GET', '/v1/exits?status=unresolved', { headers: { 'accept-language': 'en' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-language')).toBe('en');
    expect(res.headers.get('vary')).toMatch(/accept-language/i);
  });
});
