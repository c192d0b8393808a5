// Sends 50,000 events (10 requests of 5,000) to a sandbox with the built CLI and with curl, and prints
// both times and their ratio (target: the CLI within 1.3× of curl). Run: npm run build:node && node scripts/bench.mjs send
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { lintBatch } from '../../core/rules/lint';
import { sendBatch } from '../../electron/services/sender';

const EVENTS = 50_000;
const CHUNK = 5_000;
const ROUNDS = 5;
const root = process.cwd();
const dir = mkdtempSync(join(tmpdir(), 'bs-send-bench-'));

interface Ready {
  url: string;
  projectId: string;
  keys: { push: string; master: string };
}

function startSandbox(): Promise<{ ready: Ready; child: ChildProcess }> {
  const child = spawn(process.execPath, ['bin/batch-studio.mjs', 'sandbox', '--port', '0', '--json'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.setEncoding('utf8').on('data', (c: string) => {
      out += c;
      const nl = out.indexOf('\n');
      if (nl >= 0) {
        child.stdout?.resume();
        resolve({ ready: JSON.parse(out.slice(0, nl)) as Ready, child });
      }
    });
    child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}`)));
  });
}

function run(command: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; ms: number; stdout: string; stderr: string }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.once('close', (code) => resolve({ code, ms: performance.now() - started, stdout, stderr }));
  });
}

const events = (prefix: string) =>
  Array.from({ length: EVENTS }, (_, i) => ({
    id: `${prefix}-${i}`,
    timestamp: '2026-11-27T12:00:00.000Z',
    page: `/products/${i % 997}`,
    user: { id: `u${i % 4_999}`, plan: i % 3 === 0 ? 'pro' : 'free' },
    durationMs: (i * 37) % 10_000,
  }));

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

const { ready, child } = await startSandbox();
const reset = async () => {
  const answer = await fetch(`${ready.url}/sandbox/reset`, { method: 'POST', headers: { 'X-Project-Id': ready.projectId, 'X-Api-Key': ready.keys.master } });
  if (answer.status !== 200) throw new Error(`reset answered ${answer.status}`);
};

const cliTimes: number[] = [];
const serviceTimes: number[] = [];
const lintTimes: number[] = [];
const curlTimes: number[] = [];
try {
  for (let round = 1; round <= ROUNDS; round++) {
    // The CLI: the whole command, as a person runs it (start-up, read, lint, send, report).
    const batchFile = join(dir, `cli-${round}.json`);
    writeFileSync(batchFile, JSON.stringify({ pageviews: events(`cli${round}`) }));
    await reset();
    const cli = await run(process.execPath, ['bin/batch-studio.mjs', 'send', batchFile, '--url', ready.url, '--project-id', ready.projectId, '--api-key-env', 'BENCH_KEY'], { BENCH_KEY: ready.keys.push });
    if (cli.code !== 0) throw new Error(`send exited with ${cli.code}:\n${cli.stdout}\n${cli.stderr}`);
    cliTimes.push(cli.ms);

    // curl: the same 10 requests, precomputed, over one kept-alive connection (one process, --next).
    const all = events(`curl${round}`);
    const args: string[] = [];
    for (let c = 0; c < EVENTS / CHUNK; c++) {
      const chunkFile = join(dir, `curl-${round}-${c}.json`);
      writeFileSync(chunkFile, JSON.stringify({ pageviews: all.slice(c * CHUNK, (c + 1) * CHUNK) }));
      if (c > 0) args.push('--next');
      args.push('-sS', '-o', '/dev/null', '-w', '%{http_code}\\n', '-X', 'POST', '-H', `X-Project-Id: ${ready.projectId}`, '-H', `X-Api-Key: ${ready.keys.push}`, '-H', 'Content-Type: application/json', '--data-binary', `@${chunkFile}`, `${ready.url}/events`);
    }
    await reset();
    const curl = await run('curl', args);
    if (curl.code !== 0 || curl.stdout.trim().split('\n').some((s) => s !== '200')) throw new Error(`curl failed: ${curl.stdout} ${curl.stderr}`);
    curlTimes.push(curl.ms);

    // The sender service alone, in this process: what the CLI adds on top is start-up, reading and linting.
    const text = JSON.stringify({ pageviews: events(`svc${round}`) });
    let started = performance.now();
    const batch = lintBatch(text).batch ?? {};
    lintTimes.push(performance.now() - started);
    await reset();
    started = performance.now();
    const result = await sendBatch({ batch, url: ready.url, projectId: ready.projectId, apiKey: ready.keys.push });
    serviceTimes.push(performance.now() - started);
    if (result.outcomes.some((o) => o.outcome !== 'accepted')) throw new Error('the service did not get every event accepted');
    console.log(`round ${round}: batch-studio send ${cliTimes.at(-1)?.toFixed(0)} ms, curl ${curlTimes.at(-1)?.toFixed(0)} ms, sendBatch ${serviceTimes.at(-1)?.toFixed(0)} ms, lintBatch ${lintTimes.at(-1)?.toFixed(0)} ms`);
  }
  const cliMs = median(cliTimes);
  const curlMs = median(curlTimes);
  // Times are wall-clock on a shared machine: the load average says how much they can be trusted.
  console.log(`${EVENTS.toLocaleString('en-US')} events in ${EVENTS / CHUNK} requests (median of ${ROUNDS}; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}):`);
  console.log(`  batch-studio send: ${cliMs.toFixed(0)} ms (includes Node start-up, reading and linting the file)`);
  console.log(`  curl:              ${curlMs.toFixed(0)} ms (bodies precomputed)`);
  console.log(`  ratio:             ${(cliMs / curlMs).toFixed(2)}× (target ≤ 1.3×)`);
  console.log(`  of which lintBatch ${median(lintTimes).toFixed(0)} ms; the sender service alone (sendBatch, in process): ${median(serviceTimes).toFixed(0)} ms = ${(median(serviceTimes) / curlMs).toFixed(2)}× curl`);
} finally {
  child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
