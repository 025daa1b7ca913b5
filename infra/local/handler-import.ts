/**
 * Loads a Lambda handler in-process the way a cold start does: imports `functions/<folder>/<name>.ts`
 * and takes its `handler` export. The queue and schedule runners load workers and jobs with it.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '../..');

export async function importHandler<H extends (...args: never[]) => unknown>(
  folder: 'api' | 'workers' | 'jobs',
  name: string,
): Promise<H> {
  const file = path.join(root, 'functions', folder, `${name}.ts`);
  const module = (await import(pathToFileURL(file).href)) as { handler?: unknown };
  if (typeof module.handler !== 'function') throw new Error(`functions/${folder}/${name}.ts exports no handler`);
  return module.handler as H;
}

/**
 * Memoises a loader per name, like a warm Lambda keeps its module; a load that failed is tried
 * again next time, as a new cold start would.
 */
export function cachedLoader<H>(load: (name: string) => Promise<H>): (name: string) => Promise<H> {
  const loaded = new Map<string, Promise<H>>();
  return (name) => {
    let handler = loaded.get(name);
    if (!handler) {
      handler = load(name);
      handler.catch(() => loaded.delete(name));
      loaded.set(name, handler);
    }
    return handler;
  };
}
