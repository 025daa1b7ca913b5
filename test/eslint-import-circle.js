// An ESLint rule that fails on any import circle among the repository's own files, `import type`
// edges included. import-x/no-cycle skips type-only imports (they are erased at run time), but a
// circle through a type still ties two modules into one: two of the three circles issue 12 found
// closed through `import type`. Used by test/eslint.config.js; proven by test/unit/lint-boundaries.test.ts.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * Every module specifier a source text names (static, type-only, re-export, dynamic, require),
 * read by TypeScript's scanner: fast, and blind to comments and strings.
 */
const specifiers = (text) =>
  ts.preProcessFile(text, true, true).importedFiles.map((f) => ({ name: f.fileName, pos: f.pos, end: f.end }));

/**
 * The rule, given the resolver the import-x settings use (so `#shared/…` and written `.ts`
 * extensions resolve alike) and a test for paths outside the graph (packages).
 */
export function importCircleRule({ resolver, outside }) {
  /** file → { mtimeMs, imports }; kept across files of one run, refreshed when a file changes. */
  const memo = new Map();
  const resolved = (name, from) => {
    const hit = resolver.resolve(name, from);
    return hit.found && hit.path && !outside(hit.path) ? hit.path : undefined;
  };
  const importsOf = (file) => {
    let stat;
    try {
      stat = fs.statSync(file);
    } catch {
      return [];
    }
    const known = memo.get(file);
    if (known?.mtimeMs === stat.mtimeMs) return known.imports;
    const imports = [...new Set(specifiers(fs.readFileSync(file, 'utf8')).map((s) => resolved(s.name, file)).filter(Boolean))];
    memo.set(file, { mtimeMs: stat.mtimeMs, imports });
    return imports;
  };
  /** The shortest path of imports from `start` back to `target`, if there is one. */
  const pathBack = (start, target) => {
    const cameFrom = new Map([[start, undefined]]);
    const queue = [start];
    while (queue.length > 0) {
      const file = queue.shift();
      for (const next of importsOf(file)) {
        if (next === target) {
          const route = [];
          for (let at = file; at !== undefined; at = cameFrom.get(at)) route.unshift(at);
          return route;
        }
        if (!cameFrom.has(next)) {
          cameFrom.set(next, file);
          queue.push(next);
        }
      }
    }
    return undefined;
  };

  return {
    meta: {
      type: 'problem',
      docs: { description: 'Forbid import circles, `import type` included.' },
      schema: [],
      messages: { circle: 'Import circle: {{route}}.' },
    },
    create(context) {
      const file = context.physicalFilename;
      const relative = (p) => path.relative(context.cwd, p);
      return {
        Program() {
          const { sourceCode } = context;
          for (const s of specifiers(sourceCode.text)) {
            const target = resolved(s.name, file);
            if (!target || target === file) continue;
            const route = pathBack(target, file);
            if (!route) continue;
            context.report({
              loc: { start: sourceCode.getLocFromIndex(s.pos), end: sourceCode.getLocFromIndex(s.end) },
              messageId: 'circle',
              data: { route: [file, ...route, file].map(relative).join(' → ') },
            });
          }
        },
      };
    },
  };
}
