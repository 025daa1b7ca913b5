/**
 * Each open page loads only its features' strings (web/src/view-features.ts, issue 19): every
 * key a module of the page asks for — following its imports through web/src — has its top-level
 * key in the shell's features or the page's own. A page that starts using another feature's
 * strings without listing it fails here instead of showing bare keys to residents. And the list
 * of features is the folder's.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FEATURES, SHELL_FEATURES, VIEW_FEATURES, type Feature } from '#web/src/view-features.ts';

const WEB = path.resolve(import.meta.dirname, '../../web/src');

const topKeysOf = (feature: Feature): string[] =>
  Object.keys(JSON.parse(readFileSync(path.join(WEB, 'locales/zh-CN', `${feature}.json`), 'utf8')) as object);

/** The web modules `entry` imports statically, itself included (type-only imports left out: they load nothing). */
function moduleGraph(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/^import\s+(?!type\s)[^'"]*?from\s+'([^']+)'|^import\s+'([^']+)'/gm)) {
      const spec = match[1] ?? match[2] ?? '';
      const target = spec.startsWith('.') ? path.resolve(path.dirname(file), spec) : spec.startsWith('#web/') ? path.resolve(WEB, '..', spec.slice('#web/'.length)) : undefined;
      if (target && /\.tsx?$/.test(target) && existsSync(target)) visit(target);
    }
  };
  visit(entry);
  return [...seen];
}

/** A ternary between two written-out keys, `t(done ? 'a.b' : 'a.c')`: both seen, not hidden. */
const CHOICE = /\bt\(\s*[\w.!]+\s*\?\s*'([A-Za-z]+)[.'][^']*'\s*:\s*'([A-Za-z]+)[.'][^']*'\s*[,)]/g;

/** The top-level keys a module's t('…') and t(`…`) calls name, and both of a CHOICE. */
const usedTopKeys = (file: string): string[] => {
  const text = readFileSync(file, 'utf8');
  return [...[...text.matchAll(/\bt\(\s*['`]([A-Za-z]+)[.'`]/g)].map((m) => m[1] ?? ''), ...[...text.matchAll(CHOICE)].flatMap((m) => [m[1] ?? '', m[2] ?? ''])];
};

/** Calls whose key a helper picks, checked by hand: the keys it returns are all in the feature named. */
const PICKED: Record<string, string> = { 'public/log-words.ts: t(emptyKey(log': 'public' };

/** The module's t(…) calls whose key is not written out (a variable, a call): `usedTopKeys` cannot see what they ask for. */
const hiddenKeys = (file: string): string[] =>
  [...readFileSync(file, 'utf8').replaceAll(CHOICE, '').matchAll(/\bt\(\s*([^'`\s)][^,)]*)/g)].map((m) => m[1] ?? '');

const PAGES = { resident: 'resident/main.ts', report: 'report/ReportPage.tsx', household: 'household/HouseholdPage.tsx' } as const;

describe('the strings each open page loads', () => {
  it('list every feature file there is', () => {
    const files = readdirSync(path.join(WEB, 'locales/zh-CN')).map((f) => f.replace(/\.json$/, ''));
    expect([...FEATURES].sort()).toEqual(files.sort());
  });

  it.each(Object.entries(PAGES))('cover every key the %s page asks for', (page, entry) => {
    const loaded = new Set([...SHELL_FEATURES, ...VIEW_FEATURES[page as keyof typeof PAGES]].flatMap(topKeysOf));
    const modules = moduleGraph(path.join(WEB, entry));
    expect(modules.length).toBeGreaterThan(3);
    const missing = modules.flatMap((file) => usedTopKeys(file).filter((key) => !loaded.has(key)).map((key) => `${path.relative(WEB, file)}: ${key}`));
    expect(missing).toEqual([]);
  });

  it.each(Object.entries(PAGES))('name each key the %s page asks for literally, so the check above sees it', (page, entry) => {
    const loaded = new Set<string>([...SHELL_FEATURES, ...VIEW_FEATURES[page as keyof typeof PAGES]]);
    const hidden = moduleGraph(path.join(WEB, entry))
      .flatMap((file) => hiddenKeys(file).map((call) => `${path.relative(WEB, file)}: t(${call}`))
      .filter((call) => !(PICKED[call] && loaded.has(PICKED[call])));
    expect(hidden).toEqual([]);
  });
});
