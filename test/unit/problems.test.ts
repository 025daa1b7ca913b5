import { describe, expect, it } from 'vitest';
import {
  ConditionFailedError, ConflictError, CordonError, FAILURE_CODES, ForbiddenError, InvalidCursorError, NotFoundError,
  GoneError, PayloadTooLargeError, PreconditionFailedError, RateLimitedError, UnauthorizedError, UnsupportedMediaTypeError, ValidationError, type FailureCode,
} from '#functions/platform/errors.ts';
import { problem } from '#functions/edge/http.ts';
import { PROBLEM_TYPES, problemOf } from '#functions/edge/problems.ts';
import { TaskLimitError, UnaccountedHouseholdsError } from '#functions/stores/task-errors.ts';

const INSTANCE = '/v1/tasks/t_1/claim';

/** What each failure code answers today: status, problem type, title. */
const EXPECTED: Record<FailureCode, { status: number; type: string; title: string }> = {
  invalid: { status: 400, type: '/problems/validation', title: 'Invalid request' },
  unauthenticated: { status: 401, type: '/problems/unauthorized', title: 'Unauthorized' },
  forbidden: { status: 403, type: '/problems/forbidden', title: 'Forbidden' },
  'not-found': { status: 404, type: '/problems/not-found', title: 'Not found' },
  conflict: { status: 409, type: '/problems/conflict', title: 'Conflict' },
  'too-large': { status: 413, type: '/problems/payload-too-large', title: 'Payload too large' },
  'unsupported-media-type': { status: 415, type: '/problems/unsupported-media-type', title: 'Unsupported media type' },
  'unaccounted-households': { status: 409, type: '/problems/unaccounted-households', title: 'Households not accounted for' },
  'task-limit': { status: 409, type: '/problems/task-limit', title: 'Task limit reached' },
  'precondition-failed': { status: 412, type: '/problems/precondition-failed', title: 'Precondition failed' },
  'import-incomplete': { status: 503, type: '/problems/import-incomplete', title: 'Import incomplete' },
  'idempotency-key-reused': { status: 422, type: '/problems/idempotency-key-reused', title: 'Idempotency-Key reused' },
  gone: { status: 410, type: '/problems/gone', title: 'Gone' },
  'rate-limited': { status: 429, type: '/problems/too-many-requests', title: 'Too many requests' },
};

describe('problemOf', () => {
  it.each(FAILURE_CODES)('maps %s to its status, type and title', (code) => {
    // Prepare
    const error = new CordonError(code, 'what went wrong');

    // Act
    const { status, body } = problemOf(error, INSTANCE, 'en');

    // Assess
    expect(status).toBe(EXPECTED[code].status);
    expect(body).toEqual({ ...EXPECTED[code], detail: 'what went wrong', instance: INSTANCE });
  });

  it('has a problem type for every failure code and for nothing else', () => {
    expect(Object.keys(PROBLEM_TYPES).sort()).toEqual([...FAILURE_CODES].sort());
  });

  it('maps each error class to its code', () => {
    const cases: [CordonError, FailureCode][] = [
      [new ValidationError([{ field: 'body', message: 'is empty' }]), 'invalid'],
      [new InvalidCursorError(), 'invalid'],
      [new UnauthorizedError(), 'unauthenticated'],
      [new ForbiddenError('no'), 'forbidden'],
      [new NotFoundError('no task t_1'), 'not-found'],
      [new ConflictError('taken'), 'conflict'],
      [new ConditionFailedError('changed meanwhile'), 'conflict'],
      [new PayloadTooLargeError('too big'), 'too-large'],
      [new UnsupportedMediaTypeError('send CSV'), 'unsupported-media-type'],
      [new UnaccountedHouseholdsError([{ householdId: 'h1', reason: 'not_visited' }]), 'unaccounted-households'],
      [new TaskLimitError(3), 'task-limit'],
      [new PreconditionFailedError('changed since'), 'precondition-failed'],
      [new GoneError('released'), 'gone'],
      [new RateLimitedError('slow down'), 'rate-limited'],
    ];
    for (const [error, code] of cases) {
      expect(error.code, error.name).toBe(code);
      expect(problemOf(error, INSTANCE, 'en').body.type, error.name).toBe(EXPECTED[code].type);
    }
  });

  it('names each error class after itself', () => {
    expect(new ValidationError([]).name).toBe('ValidationError');
    expect(new InvalidCursorError().name).toBe('InvalidCursorError');
    expect(new ConditionFailedError('x').name).toBe('ConditionFailedError');
    expect(new TaskLimitError(3).name).toBe('TaskLimitError');
    expect(new ConditionFailedError('x')).toBeInstanceOf(ConflictError);
    expect(new InvalidCursorError()).toBeInstanceOf(ValidationError);
  });

  it('lists the fields at fault as `errors`, with the detail built from them', () => {
    const { body } = problemOf(new ValidationError([{ field: 'query.bbox', message: 'bad' }]), INSTANCE, 'en');
    expect(body).toEqual({
      type: '/problems/validation', title: 'Invalid request', status: 400, detail: 'query.bbox: bad', instance: INSTANCE,
      errors: [{ field: 'query.bbox', message: 'bad' }],
    });
    expect(problemOf(new InvalidCursorError(), INSTANCE, 'en').body.errors).toEqual([{ field: 'query.nextToken', message: 'is not a cursor this API issued', code: 'field.not-cursor' }]);
  });

  it('asks for a bearer token when the caller is unauthenticated, and only then', () => {
    expect(problemOf(new UnauthorizedError(), INSTANCE, 'en').headers).toEqual({ 'content-type': 'application/problem+json', 'content-language': 'en', 'www-authenticate': 'Bearer' });
    expect(problemOf(new UnauthorizedError(), INSTANCE, 'en').body.detail).toBe('A valid bearer token is required');
    expect(problemOf(new ForbiddenError('no'), INSTANCE, 'en').headers).toEqual({ 'content-type': 'application/problem+json', 'content-language': 'en' });
  });

  it('keeps a cause on the error and never shows it in the problem', () => {
    // Prepare
    const cause = Object.assign(new Error('ConditionalCheckFailed on pk TASK#t_1 holder=worker-7'), { name: 'ConditionalCheckFailedException' });
    const error = new ConditionFailedError('task t_1 changed meanwhile; read it again', { cause });

    // Act
    const result = problem(error, INSTANCE, 'en');

    // Assess
    expect(error.cause).toBe(cause);
    expect(result.body).not.toContain('worker-7');
    expect(result.body).not.toContain('cause');
    expect(JSON.parse(result.body as string)).toEqual({
      type: '/problems/conflict', title: 'Conflict', status: 409, detail: 'task t_1 changed meanwhile; read it again', instance: INSTANCE,
    });
  });

  it('takes a cause in every error class', () => {
    const cause = { code: 'taken', message: 'the task is held by another worker' };
    const errors = [
      new ValidationError([], 'x', { cause }), new InvalidCursorError(undefined, { cause }), new UnauthorizedError(undefined, { cause }),
      new ForbiddenError('x', { cause }), new NotFoundError('x', { cause }), new ConflictError('x', { cause }),
      new ConditionFailedError('x', { cause }), new PayloadTooLargeError('x', { cause }), new UnsupportedMediaTypeError('x', { cause }),
      new UnaccountedHouseholdsError([], { cause }), new TaskLimitError(1, { cause }),
    ];
    for (const error of errors) expect(error.cause, error.name).toBe(cause);
  });

  it('answers anything else as a 500 with no detail', () => {
    // Act
    const result = problem(new Error('table cordon-dev not found in eu-west-1'), INSTANCE, 'en');

    // Assess
    expect(result.statusCode).toBe(500);
    expect(result.headers).toEqual({ 'content-type': 'application/problem+json', 'content-language': 'en' });
    expect(JSON.parse(result.body as string)).toEqual({ type: '/problems/internal', title: 'Internal error', status: 500, instance: INSTANCE });
    expect(result.body).not.toContain('cordon-dev');
  });

  it('writes the members in the order the API has always written them', () => {
    const result = problem(new UnaccountedHouseholdsError([{ householdId: 'h1', reason: 'no_answer' }]), INSTANCE, 'en');
    expect(result.statusCode).toBe(409);
    expect(result.body).toBe(JSON.stringify({
      type: '/problems/unaccounted-households',
      title: 'Households not accounted for',
      status: 409,
      detail: '1 households are not accounted for: visit them (no answer needs a revisit) before completing',
      instance: INSTANCE,
      errors: [{ field: 'households.h1', message: 'no answer: visit again', code: 'task.household.no_answer' }],
      code: 'task.unaccounted',
    }));
  });
});

describe('problemOf in the caller\'s language', () => {
  it('says the title, a catalogue detail and each catalogue field message in Chinese, with stable codes', () => {
    // Prepare
    const error = new UnaccountedHouseholdsError([{ householdId: 'h1', reason: 'no_answer' }, { householdId: 'h2', reason: 'not_visited' }]);

    // Act
    const { headers, body } = problemOf(error, INSTANCE, 'zh-CN');

    // Assess
    expect(headers['content-language']).toBe('zh-CN');
    expect(body).toMatchObject({
      title: '仍有住户未落实',
      detail: '还有 2 户未落实：完成前请走访（无人应答的需要复访）',
      code: 'task.unaccounted',
      errors: [
        { field: 'households.h1', message: '无人应答，需复访', code: 'task.household.no_answer' },
        { field: 'households.h2', message: '未走访', code: 'task.household.not_visited' },
      ],
    });
  });

  it('builds a validation detail from the fields in the language, and keeps plain text as it is', () => {
    const fields = problemOf(new InvalidCursorError(), INSTANCE, 'zh-CN').body;
    expect(fields.detail).toBe('query.nextToken: 不是本接口签发的分页游标');
    const plain = problemOf(new ConflictError('x is y'), INSTANCE, 'zh-CN').body;
    expect(plain).toMatchObject({ title: '状态冲突', detail: 'x is y' });
    expect(plain).not.toHaveProperty('code');
  });

  it('has a title in both languages for every problem type', () => {
    for (const code of FAILURE_CODES) {
      const en = problemOf(new CordonError(code, 'x'), INSTANCE, 'en').body.title;
      const zh = problemOf(new CordonError(code, 'x'), INSTANCE, 'zh-CN').body.title;
      expect(zh, code).not.toBe(en);
      expect(zh, code).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
