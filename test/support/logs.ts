/**
 * Captures what the Powertools logger writes while a test acts. The logger takes its level from
 * LOG_LEVEL when its module loads and returns to it on every invocation, so a test file that
 * reads logs sets LOG_LEVEL in `vi.hoisted`, before its imports (the browser tests' global setup
 * silences only the runtime it loads in vitest's main process, and hands the workers LOG_LEVEL
 * as it found it).
 */
import { vi } from 'vitest';

export async function captureLogs(act: () => Promise<unknown>): Promise<string> {
  const lines: string[] = [];
  const capture = (chunk: unknown) => {
    lines.push(String(chunk));
    return true;
  };
  const spies = [vi.spyOn(process.stdout, 'write').mockImplementation(capture), vi.spyOn(process.stderr, 'write').mockImplementation(capture)];
  try {
    await act().catch(() => undefined);
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
  return lines.join('');
}
