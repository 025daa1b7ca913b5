/**
 * Why the gate's scanner could not open the camera, from getUserMedia's failure: on a page that
 * is not a secure context (a LAN http:// address) there is no camera whatever the error says.
 */
import { describe, expect, it } from 'vitest';
import { cameraProblemOf } from '#web/src/gate/qr-decode.ts';

const failure = (name: string) => new DOMException('camera', name);

describe('cameraProblemOf', () => {
  it('blames an insecure page first, since browsers offer it no camera at all', () => {
    expect(cameraProblemOf(new TypeError("Cannot read properties of undefined (reading 'getUserMedia')"), false)).toBe('insecure');
    expect(cameraProblemOf(failure('NotAllowedError'), false)).toBe('insecure');
  });

  it('tells a refusal, a missing camera and a busy one apart', () => {
    expect(cameraProblemOf(failure('NotAllowedError'), true)).toBe('denied');
    expect(cameraProblemOf(failure('SecurityError'), true)).toBe('denied');
    expect(cameraProblemOf(failure('NotFoundError'), true)).toBe('none');
    expect(cameraProblemOf(failure('OverconstrainedError'), true)).toBe('none');
    expect(cameraProblemOf(failure('NotReadableError'), true)).toBe('busy');
    expect(cameraProblemOf(failure('AbortError'), true)).toBe('failed');
    expect(cameraProblemOf('odd', true)).toBe('failed');
  });
});
