// Debian's Chromium driven by playwright-core for the e2e specs and the renderer benchmarks, plus the
// checks every page gets: no CSP violation and no console error may pass unnoticed.
import { existsSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { newestMtime } from './node-build';
import { projectRoot } from './project-root';

export const CHROMIUM_PATH = process.env.BATCH_STUDIO_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM_PATH}. Install Debian's package (apt-get update && apt-get install -y chromium) ` +
        'or point BATCH_STUDIO_CHROMIUM at a Chromium binary. CI installs it before the tests.',
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/** Builds the production renderer when dist/renderer is missing or older than its sources. */
export function ensureRendererBuilt(): void {
  const built = join(projectRoot, 'dist', 'renderer', 'index.html');
  const sources = ['renderer', 'core', 'vite.config.ts'].map((p) => join(projectRoot, p));
  if (existsSync(built) && statSync(built).mtimeMs >= Math.max(...sources.map(newestMtime))) return;
  // Vitest sets NODE_ENV=test, which would give React's development build: test what ships.
  const result = spawnSync(
    process.execPath,
    [
      join(projectRoot, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--mode',
      'production',
      '--logLevel',
      'warn',
    ],
    {
      cwd: projectRoot,
      encoding: 'utf8',
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
  if (result.status !== 0) throw new Error(`vite build failed:\n${result.stdout}\n${result.stderr}`);
}

export interface PageProblems {
  readonly cspViolations: string[];
  readonly consoleErrors: string[];
  readonly pageErrors: string[];
  /** Requests to anything but the page's own origin (the renderer loads nothing from elsewhere: no CDN). */
  readonly foreignRequests: string[];
}

/** Records CSP violations (event and console), console errors and uncaught errors of a page. */
export async function watchPage(page: Page): Promise<PageProblems> {
  const problems: PageProblems = { cspViolations: [], consoleErrors: [], pageErrors: [], foreignRequests: [] };
  page.on('request', (request) => {
    const url = request.url();
    // The page's own navigation sets the origin the rest is compared with.
    if (/^(data|blob):/.test(url) || (request.isNavigationRequest() && request.frame() === page.mainFrame())) return;
    const pageUrl = page.url();
    const origin = /^https?:/.test(pageUrl) ? new URL(pageUrl).origin : undefined;
    if (!origin || new URL(url).origin !== origin) problems.foreignRequests.push(url);
  });
  await page.exposeFunction('__reportCspViolation', (text: string) => problems.cspViolations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __reportCspViolation?: (t: string) => void }).__reportCspViolation;
      report?.(`${e.violatedDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    if (/Content[- ]Security[- ]Policy/i.test(text)) problems.cspViolations.push(text);
    else problems.consoleErrors.push(text);
  });
  page.on('pageerror', (error) => problems.pageErrors.push(String(error)));
  return problems;
}
