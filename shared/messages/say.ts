/**
 * Says a message in any language Cordon speaks. The one module that holds every language's
 * catalogue: what speaks to people imports it (the HTTP edge's problems, notices, the closing
 * notes written in Chinese); what only logs says English (message.ts) and carries no other.
 */
import { MESSAGES } from './catalogue.ts';
import { MESSAGES_ZH_CN } from './catalogue-zh-CN.ts';
import type { Language } from './language.ts';
import { sayFrom, type Catalogue, type Message } from './message.ts';

const CATALOGUES: Readonly<Record<Language, Catalogue>> = { en: MESSAGES, 'zh-CN': MESSAGES_ZH_CN };

/** The message in a language: `{name}` in its text replaced by the parameter of that name. */
export const say = (said: Message, language: Language): string => sayFrom(CATALOGUES[language], said);
