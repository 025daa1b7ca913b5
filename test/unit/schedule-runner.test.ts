import type { ScheduledEvent } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ScheduleSpec } from '#shared/catalogue/index.ts';
import { ScheduleExpressionError } from '#infra/local/schedule-expression.ts';
import { scheduledHandler } from '#functions/edge/scheduled.ts';
import { captureLogs } from '../support/logs.ts';
import { createScheduleRunner, type JobHandler, type ScheduleRunner, type ScheduleRunnerOptions } from '#infra/local/schedule-runner.ts';

vi.hoisted(() => {
  process.env.LOG_LEVEL = 'INFO';
});

const DAY = 24 * 60 * 60_000;
const runners: ScheduleRunner[] = [];

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-03-01T07:58:00Z') });
});
afterEach(async () => {
  await Promise.all(runners.splice(0).map((runner) => runner.stop()));
  vi.useRealTimers();
});

/** A runner with one schedule `rounds` whose job records the events it gets. */
function setup(expression: string, job: JobHandler = async () => undefined, options: ScheduleRunnerOptions = {}) {
  const events: ScheduledEvent[] = [];
  const lines: string[] = [];
  const runner = createScheduleRunner({
    schedules: { rounds: { job: 'test-job', description: 'a schedule for tests', expression } },
    loadJob: async () => async (event, context) => {
      events.push(event);
      return job(event, context);
    },
    log: (line) => lines.push(line),
    ...options,
  });
  runners.push(runner);
  const times = () => events.map((e) => e.time);
  return { runner, events, lines, times };
}

describe('createScheduleRunner', () => {
  it('fires a cron job at each computed time with the ScheduledEvent EventBridge sends', async () => {
    const { runner, events, times } = setup('cron(0 8,20 * * ? *)');
    runner.start();
    expect(runner.next('rounds').toISOString()).toBe('2026-03-01T08:00:00.000Z');
    await vi.advanceTimersByTimeAsync(2 * 60_000 - 1);
    expect(events).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(times()).toEqual(['2026-03-01T08:00:00Z']);
    expect(events[0]).toEqual({
      version: '0',
      id: expect.any(String),
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: expect.stringMatching(/^\d{12}$/),
      time: '2026-03-01T08:00:00Z',
      region: expect.any(String),
      resources: [expect.stringMatching(/^arn:aws:events:.+:rule\/.*rounds$/)],
      detail: {},
    });
    expect(runner.next('rounds').toISOString()).toBe('2026-03-01T20:00:00.000Z');
    await vi.advanceTimersByTimeAsync(DAY);
    expect(times()).toEqual(['2026-03-01T08:00:00Z', '2026-03-01T20:00:00Z', '2026-03-02T08:00:00Z']);
  });

  it('counts a rate from the start, without drifting', async () => {
    vi.setSystemTime(new Date('2026-03-01T07:58:30.500Z'));
    const { runner, times } = setup('rate(5 minutes)', async () => {
      // A slow job must not push the next firing later.
      await new Promise((resolve) => setTimeout(resolve, 90_000));
    });
    runner.start();
    await vi.advanceTimersByTimeAsync(15 * 60_000);
    expect(times()).toEqual(['2026-03-01T08:03:30Z', '2026-03-01T08:08:30Z', '2026-03-01T08:13:30Z']);
    // stop() waits for the last job, still sleeping on the fake clock.
    const stopping = runner.stop();
    await vi.advanceTimersByTimeAsync(90_000);
    await stopping;
  });

  it('logs a failing job and keeps the schedule', async () => {
    const { runner, events, lines } = setup('rate(1 minute)', async () => {
      throw new Error('table unavailable');
    });
    runner.start();
    await vi.advanceTimersByTimeAsync(3 * 60_000);
    expect(events).toHaveLength(3);
    expect(lines.filter((l) => l.includes('test-job failed: table unavailable'))).toHaveLength(3);
  });

  it('re-arms timers longer than setTimeout allows', async () => {
    const { runner, times } = setup('cron(0 0 1 JAN ? *)');
    runner.start();
    expect(runner.next('rounds').toISOString()).toBe('2027-01-01T00:00:00.000Z');
    await vi.advanceTimersByTimeAsync(30 * DAY);
    expect(times()).toEqual([]);
    vi.setSystemTime(new Date('2026-12-31T23:00:00Z'));
    await vi.advanceTimersByTimeAsync(300 * DAY);
    expect(times()).toEqual(['2027-01-01T00:00:00Z']);
  });

  it('waits when its timer wakes before the injected clock reaches the firing', async () => {
    const clock = { t: new Date('2026-03-01T07:58:00Z') };
    const { runner, times } = setup('cron(0 8 * * ? *)', undefined, { now: () => clock.t });
    runner.start();
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(times()).toEqual([]);
    clock.t = new Date('2026-03-01T08:00:00Z');
    await vi.advanceTimersByTimeAsync(2 * 60_000);
    expect(times()).toEqual(['2026-03-01T08:00:00Z']);
    expect(runner.next('rounds').toISOString()).toBe('2026-03-02T08:00:00.000Z');
  });

  it('skips the firings missed while the clock jumped, instead of catching up', async () => {
    const clock = { t: new Date('2026-03-01T07:58:00Z') };
    const { runner, times, lines } = setup('rate(1 minute)', undefined, { now: () => clock.t });
    runner.start();
    clock.t = new Date('2026-03-01T08:08:30Z');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(times()).toEqual(['2026-03-01T07:59:00Z']);
    expect(runner.next('rounds').toISOString()).toBe('2026-03-01T08:09:00.000Z');
    expect(lines).toContain('schedule rounds: skipped 9 missed firings');
  });

  it('runs a job now on demand, and rejects when it fails', async () => {
    let fail = false;
    const { runner, times } = setup('cron(0 8 * * ? *)', async () => {
      if (fail) throw new Error('boom');
    });
    await runner.runNow('rounds');
    expect(times()).toEqual(['2026-03-01T07:58:00Z']);
    fail = true;
    await expect(runner.runNow('rounds')).rejects.toThrow('boom');
    expect(() => runner.next('nope')).toThrow(/no schedule "nope"/);
    await expect(async () => runner.runNow('nope')).rejects.toThrow(/no schedule "nope"/);
  });

  it('stops firing once stopped, after the running job ends', async () => {
    let release!: () => void;
    const { runner, events } = setup('rate(1 minute)', () => new Promise<void>((resolve) => (release = resolve)));
    runner.start();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(events).toHaveLength(1);
    let stopped = false;
    const stopping = runner.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    release();
    await stopping;
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(events).toHaveLength(1);
  });

  it('refuses an invalid expression when created', () => {
    const schedules: Record<string, ScheduleSpec> = { bad: { job: 'x', description: 'x', expression: 'cron(0 25 * * ? *)' } };
    expect(() => createScheduleRunner({ schedules })).toThrow(ScheduleExpressionError);
  });

  it('reports a job module that does not exist', async () => {
    const runner = createScheduleRunner({ schedules: { gone: { job: 'no-such-job', description: 'x', expression: 'rate(1 hour)' } } });
    await expect(runner.runNow('gone')).rejects.toThrow(/no-such-job/);
  });
});

describe('scheduledHandler', () => {
  it('logs start, end and duration with the Lambda context, and lets a failure through', async () => {
    let fail = false;
    const handler = scheduledHandler('assignUnassigned', async () => {
      if (fail) throw new Error('boom');
    });
    const { runner } = setup('rate(1 hour)', handler);
    const output = await captureLogs(async () => {
      await runner.runNow('rounds');
      fail = true;
      await expect(runner.runNow('rounds')).rejects.toThrow('boom');
    });
    const logs = output.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(logs.map((l) => l.message)).toEqual(['job started', 'job finished', 'job started', 'job failed']);
    expect(logs[0]).toMatchObject({ job: 'assignUnassigned', function_name: 'cordon-test-job', scheduledAt: '2026-03-01T07:58:00Z' });
    expect(logs[1]?.durationMs).toEqual(expect.any(Number));
    expect(logs[3]).toMatchObject({ level: 'ERROR', error: expect.objectContaining({ message: 'boom' }) });
  });
});
