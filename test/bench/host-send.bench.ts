// The longest task on the browser host's event loop while the app sends 1,000,000 events (target ≤ 50 ms):
// the host (`dist/node/web.mjs`) and a sandbox run as real processes, the batch goes through the host's
// bridge as the renderer sends it, once clean and once with 10% of events broken ("send valid only").
// Two measures: the host's own probe (BATCH_STUDIO_LOOP_PROBE=1, read on SIGUSR2; absent in builds
// without it; on Linux it also says how much of a long task the host ran and how much it waited for a
// core) and, from outside, the slowest answer to a cheap bridge call made every 10 ms by a thread of this
// process while the send runs. Prints numbers, asserts nothing.
// Run: npm run build && node scripts/bench.mjs host-send   (EVENTS=N for another size; CASES=clean or errors for
// one case; HOST_NODE_OPTIONS=… for the host's NODE_OPTIONS, such as a `--require` preload that profiles it)
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { startWebHost, type WebHost } from '../harness/web-host';
import { gapsSince, invoke, invokeFresh, probe } from './host-probe';
import { OUTCOMES_PAGE, STAGE_PIECE_CHARS } from '../../electron/contract/send-pages';
import { pageviewEvent } from './pageview-event';

const EVENTS = Number(process.env.EVENTS ?? 1_000_000);
const root = process.cwd();
const dir = mkdtempSync(join(tmpdir(), 'bs-host-send-bench-'));

interface Ready {
  url: string;
  projectId: string;
  keys: { push: string };
}

function startSandbox(): Promise<{ ready: Ready; child: ChildProcess }> {
  const child = spawn(process.execPath, ['bin/batch-studio.mjs', 'sandbox', '--port', '0', '--json'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
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

/** Every tenth event broken as people break them: a reserved name, a dotted name, a bad timestamp. */
const broken = (prefix: string, i: number): Record<string, unknown> => {
  const e: Record<string, unknown> = pageviewEvent(prefix, i);
  if (i % 30 === 0) return { ...e, tp_source: 'x' };
  if (i % 30 === 10) return { ...e, user: { 'first.name': 'Ada' } };
  return { ...e, timestamp: '2026-11-27 12:00' };
};

/** A batch text of `count` events, built in pieces. */
function batchText(prefix: string, count: number, errors: boolean): string {
  const pieces: string[] = [];
  for (let from = 0; from < count; from += 10_000) {
    const part: string[] = [];
    for (let i = from; i < Math.min(count, from + 10_000); i++)
      part.push(JSON.stringify(errors && i % 10 === 0 ? broken(prefix, i) : pageviewEvent(prefix, i)));
    pieces.push(part.join(','));
  }
  return `{"pageviews":[${pieces.join(',')}]}`;
}

// A thread that calls app:info every 10 ms and keeps the slowest answer: this process's own work (building
// and parsing 100 MB of JSON) never delays its timers.
const PINGER = `
const { parentPort, workerData } = require('node:worker_threads');
let slowest = 0, calls = 0, failures = 0, stop = false;
parentPort.on('message', () => { stop = true; });
(async () => {
  while (!stop) {
    const started = performance.now();
    try {
      const r = await fetch(workerData.url + '/bridge/invoke/app:info', { method: 'POST',
        headers: { 'X-Bridge-Token': workerData.token, Origin: workerData.url }, body: '{}' });
      await r.text();
      slowest = Math.max(slowest, performance.now() - started);
      calls++;
    } catch {
      failures++;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  parentPort.postMessage({ slowest, calls, failures });
})();
`;

/** Calls `onProgress` with every send:progress event the host pushes, until stopped. */
function watchProgress(
  host: WebHost,
  onProgress: (p: { runId: string; requestsDone: number; requestsTotal: number }) => void,
): () => void {
  const controller = new AbortController();
  void fetch(`${host.url}/bridge/events?token=${encodeURIComponent(host.token)}`, {
    signal: controller.signal,
    headers: { Origin: host.url },
  })
    .then(async (response) => {
      const decoder = new TextDecoder();
      const reader = response.body?.getReader();
      let text = '';
      for (;;) {
        const chunk = await reader?.read();
        if (!chunk || chunk.done) break;
        text += decoder.decode(chunk.value, { stream: true });
        for (let end = text.indexOf('\n\n'); end >= 0; end = text.indexOf('\n\n')) {
          const frame = text.slice(0, end);
          text = text.slice(end + 2);
          const data = /^data: (.*)$/m.exec(frame)?.[1];
          if (frame.startsWith('event: send:progress') && data) onProgress(JSON.parse(data));
        }
      }
    })
    .catch(() => undefined);
  return () => controller.abort();
}

async function measuredSend(host: WebHost, profileId: string, name: string, errors: boolean): Promise<void> {
  const runId = `bench-${name}`;
  const text = batchText(name, EVENTS, errors);
  const body = JSON.stringify({
    runId,
    profileId,
    stagedText: runId,
    mode: errors ? 'valid-only' : 'all',
    source: name,
  });
  await probe(host);
  // Phase boundaries (epoch ms): the call, the first settled request, the last one, the answer.
  const marks = { stage: 0, call: 0, first: Infinity, last: Infinity, answer: Infinity, paged: Infinity };
  const stop = watchProgress(host, (p) => {
    if (p.runId !== runId) return;
    marks.first = Math.min(marks.first, Date.now());
    if (p.requestsDone === p.requestsTotal) marks.last = Math.min(marks.last, Date.now());
  });
  const pinger = new Worker(PINGER, { eval: true, workerData: { url: host.url, token: host.token } });
  const stderrFrom = host.stderr().length;
  const started = performance.now();
  marks.stage = Date.now();
  // As the renderer does: the text in pieces (send:stage), then send:start, then the outcomes in pages.
  for (let at = 0; at < text.length; at += STAGE_PIECE_CHARS)
    await invoke(host, 'send:stage', { stageId: runId, piece: text.slice(at, at + STAGE_PIECE_CHARS) });
  marks.call = Date.now();
  const answer = await invokeFresh(host, 'send:start', body).catch((error: unknown) => {
    const why = error instanceof Error ? String(error.cause ?? error.message) : String(error);
    return JSON.stringify({ ok: false, error: { message: `${why}; host stderr: ${host.stderr().slice(-2000)}` } });
  });
  marks.answer = Date.now();
  const parsed = JSON.parse(answer) as {
    ok: boolean;
    data?: { outcomes: { outcome: string }[]; outcomesTotal?: number };
    error?: { message: string };
  };
  const outcomes = parsed.data?.outcomes ?? [];
  const total = parsed.data?.outcomesTotal ?? 0;
  let pages = 0;
  while (outcomes.length < total) {
    const page = JSON.parse(
      await invoke(host, 'send:outcomes', { runId, from: outcomes.length, count: OUTCOMES_PAGE }),
    ) as { data?: { outcomes: { outcome: string }[] } };
    const got = page.data?.outcomes ?? [];
    if (got.length === 0) break;
    for (const o of got) outcomes.push(o);
    pages++;
  }
  marks.paged = Date.now();
  const ms = performance.now() - started;
  const probed = await probe(host);
  stop();
  const pings = await new Promise<{ slowest: number; calls: number; failures: number }>((resolve) => {
    pinger.once('message', resolve);
    pinger.postMessage('stop');
  });
  await pinger.terminate();
  const counts: Record<string, number> = {};
  for (const o of outcomes) counts[o.outcome] = (counts[o.outcome] ?? 0) + 1;
  console.log(
    `${errors ? 'with 10% errors, valid only' : 'clean'}: ${(text.length / 1e6).toFixed(0)} MB text, staged, sent and paged (${pages} pages) ${(ms / 1000).toFixed(1)} s, ` +
      (parsed.ok ? `outcomes ${JSON.stringify(counts)}` : `failed: ${parsed.error?.message ?? '?'}`),
  );
  console.log(`  host probe, whole send:   ${probed ?? 'none (this build has no BATCH_STUDIO_LOOP_PROBE)'}`);
  const gaps = gapsSince(host, stderrFrom);
  const phases: [string, number, number][] = [
    ['staging the text (send:stage pieces)', marks.stage, marks.call],
    ['send:start → first request settled (check, prepare)', marks.call, marks.first],
    ['first → last request settled (sending)', marks.first, marks.last],
    ['last request → answer received (report, history, bridge)', marks.last, marks.answer],
    ['answer → every outcome page received (send:outcomes)', marks.answer, marks.paged],
  ];
  for (const [label, from, to] of phases) {
    const inside = gaps.filter((g) => g.began >= from && g.began < to);
    const longest = inside.reduce<(typeof inside)[number] | undefined>(
      (m, g) => (m && m.ms >= g.ms ? m : g),
      undefined,
    );
    const split =
      longest?.ran !== undefined
        ? ` (the host ran ${longest.ran.toFixed(0)} ms of it, waited ${longest.waited?.toFixed(0)} ms for a core)`
        : '';
    console.log(
      `  ${label}: ${((to - from) / 1000).toFixed(1)} s, longest task ${(longest?.ms ?? 0).toFixed(0)} ms${split}, ${inside.length} tasks > 50 ms`,
    );
  }
  const worstRan = gaps.reduce((m, g) => Math.max(m, g.ran ?? 0), 0);
  if (gaps.some((g) => g.ran !== undefined))
    console.log(
      `  most the host ran in one task over 50 ms: ${worstRan.toFixed(0)} ms (the rest of each it waited or slept)`,
    );
  console.log(
    `  slowest app:info call: ${pings.slowest.toFixed(0)} ms (${pings.calls} calls during the send${pings.failures ? `, ${pings.failures} failed` : ''})`,
  );
}

const sandbox = await startSandbox();
const hostNodeOptions = process.env.HOST_NODE_OPTIONS;
const host = await startWebHost({
  userDataDir: join(dir, 'user'),
  env: {
    BATCH_STUDIO_LOOP_PROBE: '1',
    ...(hostNodeOptions ? { NODE_OPTIONS: hostNodeOptions } : {}),
  },
});
const cases = (process.env.CASES ?? 'clean,errors').split(',');
try {
  await invoke(host, 'profiles:accept-weak-storage', {});
  const created = JSON.parse(
    await invoke(host, 'profiles:create', {
      draft: { name: 'Bench sandbox', baseUrl: sandbox.ready.url, projectId: sandbox.ready.projectId },
    }),
  ) as { data: { id: string } };
  const profileId = created.data.id;
  await invoke(host, 'profiles:set-key', { id: profileId, key: sandbox.ready.keys.push });
  console.log(
    `browser host send of ${EVENTS.toLocaleString('en-US')} events to a separate sandbox (load ${loadavg()[0]?.toFixed(1)}):`,
  );
  if (cases.includes('clean')) await measuredSend(host, profileId, 'clean', false);
  if (cases.includes('errors')) await measuredSend(host, profileId, 'errors', true);
} finally {
  await host.stop();
  sandbox.child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
