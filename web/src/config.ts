/**
 * Loads the runtime configuration, /config.json, when the app starts (its shape, which the cloud
 * deploy writes, is the schema in shared/runtime-config.ts).
 *
 * The check is written out here rather than run through that zod schema: every page loads this
 * module before anything shows, and zod with it would weigh on the resident page more than the
 * page itself (issue 19). test/unit/web-config.test.ts holds the two to the same answers.
 */
import type { RuntimeConfig } from '#shared/runtime-config.ts';
import { CRS } from '#shared/schemas/constants.ts';

export class ConfigError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ConfigError';
  }
}

/** An absolute URL whose scheme is one of `schemes`. */
function isUrl(value: unknown, schemes: readonly string[]): boolean {
  if (typeof value !== 'string') return false;
  try {
    return schemes.includes(new URL(value).protocol.replace(/:$/, ''));
  } catch {
    return false;
  }
}

const nonEmpty = (value: unknown) => typeof value === 'string' && value.length > 0;

/** Each field's check, as the schema has it; an absent field passes (all but apiUrl are optional). */
const FIELDS: Record<keyof RuntimeConfig, (value: unknown) => boolean> = {
  apiUrl: (value) => typeof value === 'string',
  tileUrl: nonEmpty,
  tileAttribution: (value) => typeof value === 'string',
  tileCrs: (value) => typeof value === 'string' && (CRS as readonly string[]).includes(value),
  tileMaxZoom: (value) => Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 22,
  publicUrl: (value) => isUrl(value, ['http', 'https']),
  region: nonEmpty,
  userPoolId: nonEmpty,
  userPoolClientId: nonEmpty,
  authDomain: (value) => isUrl(value, ['https']),
};

/** The config in `value`, or the names of the fields that are wrong (unknown fields are dropped, as the schema drops them). */
export function parseRuntimeConfig(value: unknown): { config: RuntimeConfig } | { wrong: string[] } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { wrong: ['(the whole file)'] };
  const given = value as Record<string, unknown>;
  const wrong: string[] = [];
  const config: Record<string, unknown> = {};
  for (const [name, valid] of Object.entries(FIELDS)) {
    const field = given[name];
    if (field === undefined && name !== 'apiUrl') continue;
    if (valid(field)) config[name] = field;
    else wrong.push(name);
  }
  return wrong.length > 0 ? { wrong } : { config: config as unknown as RuntimeConfig };
}

export async function loadConfig(url = '/config.json'): Promise<RuntimeConfig> {
  const response = await fetch(url, { cache: 'no-store' });
  if (!response.ok) throw new ConfigError(`${url} answered ${response.status}`);
  const parsed = parseRuntimeConfig(await response.json());
  if ('wrong' in parsed) throw new ConfigError(`${url} is not valid: ${parsed.wrong.join(', ')}`);
  return { ...parsed.config, apiUrl: parsed.config.apiUrl.replace(/\/+$/, '') };
}
