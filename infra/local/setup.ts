/**
 * `npm run setup` (and the first step of `npm start` and `npm test`): checks what Cordon needs
 * beyond npm — Java 17+ for DynamoDB Local, and for tests Debian's Chromium — and installs it
 * with apt-get when it can (root on Debian), or names the exact command when it cannot.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { javaVersion } from './dynamodb-local.ts';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * How the tests start Chromium. The machine has no network beyond localhost: no background
 * traffic, no QUIC, no sync (else Chromium's refused connections pile up at every start).
 */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

interface Requirement {
  readonly name: string;
  readonly present: () => boolean;
  readonly debianPackage: string;
  readonly why: string;
}

const java: Requirement = {
  name: 'Java 17+',
  present: () => (javaVersion() ?? 0) >= 17,
  debianPackage: 'openjdk-17-jre-headless',
  why: 'DynamoDB Local runs on it',
};

const chromium: Requirement = {
  name: 'Chromium',
  present: () => existsSync(CHROMIUM_PATH),
  debianPackage: 'chromium',
  why: 'the end-to-end tests drive the web app in it',
};

const cjkFonts: Requirement = {
  name: 'CJK fonts',
  present: () => (spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' }).stdout ?? '').trim() !== '',
  debianPackage: 'fonts-noto-cjk',
  why: 'Chromium needs them to draw the Chinese UI in test screenshots',
};

function canApt(): boolean {
  return process.getuid?.() === 0 && spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
}

function aptInstall(pkg: string): boolean {
  const install = () =>
    spawnSync('apt-get', ['install', '-y', '--no-install-recommends', pkg], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    }).status === 0;
  if (install()) return true;
  // The package lists may be missing or stale on a fresh machine.
  spawnSync('apt-get', ['update'], { stdio: ['ignore', 'ignore', 'inherit'] });
  return install();
}

/** Installs what is missing where possible; returns the requirements still unmet. */
export function ensure(requirements: readonly Requirement[], log: (line: string) => void = console.log): Requirement[] {
  const missing: Requirement[] = [];
  for (const req of requirements) {
    if (req.present()) continue;
    if (canApt()) {
      log(`setup: installing ${req.debianPackage} (${req.name}: ${req.why}) …`);
      if (aptInstall(req.debianPackage) && req.present()) continue;
    }
    missing.push(req);
  }
  return missing;
}

export function requirementsFor(purpose: 'start' | 'tests'): Requirement[] {
  return purpose === 'tests' ? [java, chromium, cjkFonts] : [java];
}

export function explain(missing: readonly Requirement[]): string {
  return missing
    .map((r) => `${r.name} is missing (${r.why}). Install it with:\n  sudo apt-get install -y ${r.debianPackage}`)
    .join('\n');
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { for: { type: 'string', default: 'tests' } } });
  const purpose = values.for === 'start' ? 'start' : 'tests';
  const missing = ensure(requirementsFor(purpose));
  if (missing.length > 0) {
    console.error(explain(missing));
    process.exit(1);
  }
  console.log(`setup: ${requirementsFor(purpose).map((r) => r.name).join(', ')} present; Node ${process.version}`);
}
