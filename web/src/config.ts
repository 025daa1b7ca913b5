/**
 * Loads the runtime configuration, /config.json, when the app starts (its shape, which the cloud
 * deploy writes, is in shared/runtime-config.ts).
 */
import * as z from 'zod';
import { RuntimeConfig } from '#shared/runtime-config.ts';

export class ConfigError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ConfigError';
  }
}

export async function loadConfig(url = '/config.json'): Promise<RuntimeConfig> {
  const response = await fetch(url, { cache: 'no-store' });
  if (!response.ok) throw new ConfigError(`${url} answered ${response.status}`);
  const parsed = RuntimeConfig.safeParse(await response.json());
  if (!parsed.success) throw new ConfigError(`${url} is not valid: ${z.prettifyError(parsed.error)}`, { cause: parsed.error });
  return { ...parsed.data, apiUrl: parsed.data.apiUrl.replace(/\/+$/, '') };
}
