/**
 * The one structured logger (Powertools). Never log request bodies or residents' data:
 * log ids, usernames of staff, counts and timings. What slips through anyway — an event logged
 * whole because an operator turned on POWERTOOLS_LOGGER_LOG_EVENT, an error that quotes its
 * input — passes `withheldFromLogs` on its way out.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { maskLinkTokens, redactLinkPath } from '#shared/domain/links.ts';
import { maskPersonalText } from '#shared/domain/privacy.ts';

/**
 * Fields that hold residents' free text (notes, a refusal reason, a person), whole requests or records
 * (a body, a table item) or credentials (a pass's QR text, a link's token among them): withheld whatever they hold.
 */
const WITHHELD = new Set(['note', 'closeNote', 'refusalReason', 'person', 'body', 'Item', 'Items', 'Attributes', 'authorization', 'cookie', 'cookies', 'qr', 'passQr', 'token']);

/**
 * Every value the logger writes passes here (its JSON replacer): a withheld field becomes a
 * marker, and any text left has its phone- and ID-shaped runs masked.
 */
export function withheldFromLogs(key: string, value: unknown): unknown {
  if (WITHHELD.has(key) && value !== undefined && value !== null && typeof value !== 'number' && typeof value !== 'boolean') return '[withheld]';
  // A resident's link token (in a public path, rawPath, an error) never reaches a log, whole or malformed.
  return typeof value === 'string' ? maskPersonalText(maskLinkTokens(redactLinkPath(value))) : value;
}

export const logger = new Logger({
  serviceName: 'cordon',
  logLevel: (process.env.LOG_LEVEL as 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT' | undefined) ?? 'INFO',
  jsonReplacerFn: withheldFromLogs,
});
