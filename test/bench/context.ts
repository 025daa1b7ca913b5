/**
 * What every benchmark gets: the run's DynamoDB Local, fresh tables, the city size, a work folder,
 * and one way to print figures so the run reads as one table.
 */
import { randomUUID } from 'node:crypto';
import { ensureTable } from '#infra/local/bootstrap.ts';
import { generateCity, type GeneratedCity } from '#infra/local/demo/city.ts';
import { seedCity, type SeedResult } from '#infra/local/demo/seed.ts';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import type { LocalUser } from '#shared/schemas/local.ts';
import { pointHandlersAt } from '#infra/local/handler-env.ts';

export interface BenchScale {
  readonly compounds: number;
  readonly buildings: number;
}

export interface BenchContext {
  readonly endpoint: string;
  readonly scale: BenchScale;
  /**
   * A module's own sizes (requests, people, orders…) for this run: `full`, or `quick` under
   * --quick (a look in minutes, not the figures of record).
   */
  sized<T>(sizes: { readonly full: T; readonly quick: T }): T;
  /** Folder for generated files (git-ignored). */
  readonly workDir: string;
  /** A new empty table, made current for the handlers in this process. */
  freshTable(label: string): Promise<string>;
  /** Prints one figure: `section  name  value unit  (note)`. */
  report(section: string, name: string, value: number | string, unit?: string, note?: string): void;
}

export interface Bench {
  readonly name: string;
  /** Runs only when named in --only (the capacity plan: a long run whose figures go to the README). */
  readonly onlyWhenAsked?: boolean;
  run(ctx: BenchContext): Promise<void>;
}

export function benchContext(endpoint: string, scale: BenchScale, workDir: string, quick = false): BenchContext {
  return {
    endpoint,
    scale,
    sized: (sizes) => (quick ? sizes.quick : sizes.full),
    workDir,
    async freshTable(label) {
      const table = `bench-${label}-${randomUUID().slice(0, 6)}`;
      await ensureTable(endpoint, table);
      pointHandlersAt(endpoint, table);
      return table;
    },
    report(section, name, value, unit = '', note = '') {
      const shown = typeof value === 'number' ? formatNumber(value) : value;
      console.log(`${section.padEnd(28)} ${name.padEnd(44)} ${`${shown} ${unit}`.trim().padStart(16)}${note ? `   ${note}` : ''}`);
    },
  };
}

function formatNumber(value: number): string {
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

export interface SeededCity {
  readonly city: GeneratedCity;
  readonly tableName: string;
  readonly seeded: SeedResult;
  /** Generation and seeding, in seconds. */
  readonly seconds: number;
}

/** The run's city, generated at the run's scale and seeded into a fresh table made current. */
export async function seededCity(ctx: BenchContext, label: string): Promise<SeededCity> {
  const started = performance.now();
  const city = generateCity({ compounds: ctx.scale.compounds, buildings: ctx.scale.buildings });
  const tableName = await ctx.freshTable(label);
  const seeded = await seedCity(city);
  return { city, tableName, seeded, seconds: (performance.now() - started) / 1000 };
}

/** A token for the first city-staff user, straight from the runtime's issuer. */
export async function cityToken(runtime: LocalRuntime, users: readonly LocalUser[]): Promise<string> {
  const cityUser = users.find((u) => u.role === 'city');
  const issued = cityUser ? await runtime.identity.issue(cityUser.username) : undefined;
  if (!issued) throw new Error('the generated city has no city user');
  return issued.token;
}

/** Walks every page of a GeoJSON list (nextToken paging); answers how many features came back. */
export async function walkFeaturePages(what: string, get: (nextToken: string | undefined) => Promise<Response>): Promise<number> {
  let returned = 0;
  let next: string | undefined;
  do {
    const res = await get(next);
    if (res.status !== 200) throw new Error(`${what} answered ${res.status}: ${await res.text()}`);
    const body = (await res.json()) as { features: unknown[]; nextToken?: string };
    returned += body.features.length;
    next = body.nextToken;
  } while (next);
  return returned;
}

/** p-th percentile (0–100) of the samples, nearest rank. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}
