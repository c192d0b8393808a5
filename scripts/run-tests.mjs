// The test tiers after the static checks: Vitest (unit, integration, architecture) and Playwright Test
// (e2e in Chromium, and in Electron where a binary exists). Both always run; one closing line counts
// them together ("tests: N passed, N failed, N skipped"), so a run that executed no test shows at once.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const vitestReport = join(root, 'test-results', 'vitest.json');
const playwrightReport = join(root, 'test-results', 'playwright.json');
for (const report of [vitestReport, playwrightReport]) rmSync(report, { force: true });

const bin = (name) => join(root, 'node_modules', '.bin', name);
// `npm test` builds dist/ before this script: the tests use that build instead of bundling the CLI again.
const env = { ...process.env, BATCH_STUDIO_DIST_BUILT: '1' };
const run = (command, args) => spawnSync(command, args, { cwd: root, stdio: 'inherit', env }).status ?? 1;

const vitestStatus = run(bin('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestReport}`,
]);
const playwrightStatus = run(bin('playwright'), ['test']);

const read = (path) => (existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined);
const vitest = read(vitestReport);
const playwright = read(playwrightReport);
const passed = (vitest?.numPassedTests ?? 0) + (playwright?.stats?.expected ?? 0) + (playwright?.stats?.flaky ?? 0);
const failed = (vitest?.numFailedTests ?? 0) + (playwright?.stats?.unexpected ?? 0);
const skipped = (vitest?.numPendingTests ?? 0) + (vitest?.numTodoTests ?? 0) + (playwright?.stats?.skipped ?? 0);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
const ran = passed + failed > 0 && vitest !== undefined && playwright !== undefined;
process.exitCode = ran && failed === 0 && vitestStatus === 0 && playwrightStatus === 0 ? 0 : 1;
