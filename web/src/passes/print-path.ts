/**
 * The print view's address — `/passes/print?compound=&pass=` for one card, `&building=` for a
 * building's sheet — read back from the URL, and a pass's validity as its card says it (China days).
 */
import type { TFunction } from 'i18next';
import { chinaDay } from '#shared/domain/china-time.ts';
import type { Pass } from '#shared/schemas/pass.ts';

export const PRINT_PATH = '/passes/print';

export type PrintRequest =
  | { readonly compound: string; readonly pass: string; readonly building?: undefined }
  | { readonly compound: string; readonly building: string; readonly pass?: undefined };

export function printPath(request: PrintRequest): string {
  const query = new URLSearchParams({ compound: request.compound });
  if (request.pass !== undefined) query.set('pass', request.pass);
  else query.set('building', request.building);
  return `${PRINT_PATH}?${query.toString()}`;
}

/** The print request of a location, or undefined when it is not the print view (or names nothing to print). */
export function printRequestOf(pathname: string, search: string): PrintRequest | undefined {
  if (pathname.replace(/\/$/, '') !== PRINT_PATH) return undefined;
  const query = new URLSearchParams(search);
  const compound = query.get('compound');
  const pass = query.get('pass');
  const building = query.get('building');
  if (!compound) return undefined;
  if (pass) return { compound, pass };
  if (building) return { compound, building };
  return undefined;
}

export const validityText = (t: TFunction, pass: Pick<Pass, 'validFrom' | 'validUntil'>): string =>
  t('passes.card.validity', { from: chinaDay(pass.validFrom), until: chinaDay(pass.validUntil) });
