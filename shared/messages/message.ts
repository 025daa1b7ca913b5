/**
 * A message to a person, named by a stable key of the catalogue (catalogue.ts) with its
 * parameters, and said in a language only where it is shown: the HTTP edge says a problem's
 * title, detail and field messages in the caller's language (say.ts), the logs keep English.
 *
 * Parameters are ids, numbers, times and what the caller sent: never translated. A parameter
 * that is itself a message (a status, a role) is said in the same language.
 */
import { MESSAGES, type MessageKey } from './catalogue.ts';

export type { MessageKey } from './catalogue.ts';

export type MessageParam = string | number | Message;

export interface Message {
  readonly key: MessageKey;
  readonly params?: Readonly<Record<string, MessageParam>>;
}

export const message = (key: MessageKey, params?: Readonly<Record<string, MessageParam>>): Message =>
  params === undefined ? { key } : { key, params };

export const isMessage = (value: unknown): value is Message =>
  typeof value === 'object' && value !== null && typeof (value as { key?: unknown }).key === 'string' && (value as { key: string }).key in MESSAGES;

/** A language's texts, key for key. */
export type Catalogue = Readonly<Record<MessageKey, string>>;

/** The message in a catalogue's language: `{name}` in its text replaced by the parameter of that name. */
export function sayFrom(texts: Catalogue, said: Message): string {
  return texts[said.key].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = said.params?.[name];
    if (value === undefined) return whole;
    return typeof value === 'object' ? sayFrom(texts, value) : String(value);
  });
}

/** The message in English, the language of the logs (and of `Spoken.message`). */
export const english = (said: Message): string => sayFrom(MESSAGES, said);

/**
 * A refusal's or a field's sentence: its English as `message` (logs, tests, older clients) and
 * the catalogue message as `said`, which the HTTP edge says in the caller's language.
 */
export interface Spoken {
  readonly message: string;
  readonly said: Message;
}

export function spoken(key: MessageKey, params?: Readonly<Record<string, MessageParam>>): Spoken {
  const said = message(key, params);
  return { message: english(said), said };
}

/**
 * A schema's own message for a custom zod issue (refine, superRefine): its English as the
 * issue's message, and the catalogue message in its params, which the HTTP edge says in the
 * caller's language. Spread it into refine's options or addIssue's issue.
 */
export const schemaMessage = (key: MessageKey, params?: Readonly<Record<string, MessageParam>>) => {
  const { message: english, said } = spoken(key, params);
  return { message: english, params: { said } };
};

/** The catalogue message a zod issue carries (see schemaMessage), if any. */
export function saidOfIssue(issue: { readonly code: string; readonly params?: unknown }): Message | undefined {
  const said = issue.code === 'custom' ? (issue.params as { said?: unknown } | undefined)?.said : undefined;
  return isMessage(said) ? said : undefined;
}
