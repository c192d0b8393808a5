// The longest task on the browser host's event loop while the app bulk-imports 1,000,000 events (spec §7;
// no target yet: issue 11's ≤ 50 ms is about sends, this measures the other big path). The host
// (`dist/node/web.mjs`), a sandbox with an S3 endpoint and a loopback s3rver run as real processes; the batch
// goes through the bridge as the renderer sends it (`bulk:start` with the whole text). Prints numbers,
// asserts nothing.
// Run: npm run build && node scripts/bench.mjs host-bulk   (EVENTS=N for another size)
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startS3Server } from '../harness/s3-server';
import { startSandboxProcess } from '../harness/sandbox-process';
import { startWebHost } from '../harness/web-host';
import { gapsSince, invoke, invokeFresh, probe } from './host-probe';
import { pageviewEvent } from './pageview-event';

const EVENTS = Number(process.env.EVENTS ?? 1_000_000);
const dir = mkdtempSync(join(tmpdir(), 'bs-host-bulk-bench-'));

/** The batch text of `count` events in one collection, built in pieces. */
function batchText(count: number): string {
  const pieces: string[] = [];
  for (let from = 0; from < count; from += 10_000) {
    const part: string[] = [];
    for (let i = from; i < Math.min(count, from + 10_000); i++) part.push(JSON.stringify(pageviewEvent('bulk', i)));
    pieces.push(part.join(','));
  }
  return `{"pageviews":[${pieces.join(',')}]}`;
}

const data = <T>(answer: string, channel: string): T => {
  const parsed = JSON.parse(answer) as { ok: boolean; data: T; error?: { message: string } };
  if (!parsed.ok) throw new Error(`${channel}: ${parsed.error?.message ?? answer.slice(0, 300)}`);
  return parsed.data;
};

const s3 = await startS3Server();
const sandbox = await startSandboxProcess(['--s3-endpoint', s3.url], { nodeFlags: ['--max-old-space-size=4096'] });
const host = await startWebHost({ userDataDir: join(dir, 'user'), env: { BATCH_STUDIO_LOOP_PROBE: '1' } });
try {
  // The profile's bulk import section and secrets go in through the bridge, as the Profiles dialog sends them.
  await invoke(host, 'profiles:accept-weak-storage', {});
  const profile = data<{ id: string }>(
    await invoke(host, 'profiles:create', {
      draft: {
        name: 'Bulk bench',
        baseUrl: sandbox.url,
        projectId: sandbox.projectId,
        bulkImport: { bucket: s3.bucket, prefix: 'bench/', endpoint: s3.url, accessKeyId: s3.accessKeyId },
      },
    }),
    'profiles:create',
  );
  await invoke(host, 'profiles:set-key', { id: profile.id, key: sandbox.keys.push });
  await invoke(host, 'profiles:set-s3-secret', { id: profile.id, secret: s3.secretAccessKey });
  const text = batchText(EVENTS);
  await probe(host);
  const from = host.stderr().length;
  const started = performance.now();
  const startedAt = Date.now();
  const report = data<{ imports: { importedEvents: number; status: string }[]; outcomes: unknown[] }>(
    await invokeFresh(
      host,
      'bulk:start',
      JSON.stringify({ runId: 'bench-bulk', profileId: profile.id, batchText: text }),
    ),
    'bulk:start',
  );
  const ms = performance.now() - started;
  const probed = await probe(host);
  const gaps = gapsSince(host, from).sort((a, b) => b.ms - a.ms);
  console.log(
    `browser host bulk import of ${EVENTS.toLocaleString('en-US')} events (${(text.length / 1e6).toFixed(0)} MB, load ${loadavg()[0]?.toFixed(1)}): ${(ms / 1000).toFixed(1)} s, ` +
      `${report.imports.map((i) => `${i.status} ${i.importedEvents.toLocaleString('en-US')} imported`).join(', ')}, ${report.outcomes.length.toLocaleString('en-US')} outcomes in the answer`,
  );
  console.log(`  host probe, whole import: ${probed ?? 'none (this build has no BATCH_STUDIO_LOOP_PROBE)'}`);
  console.log(`  tasks over 50 ms: ${gaps.length}; the longest:`);
  for (const g of gaps.slice(0, 5))
    console.log(
      `    ${g.ms.toFixed(0)} ms${g.ran !== undefined ? ` (the host ran ${g.ran.toFixed(0)} ms of it, waited ${g.waited?.toFixed(0)} ms for a core)` : ''}, ${((g.began - startedAt) / 1000).toFixed(1)} s into the call`,
    );
} finally {
  await host.stop();
  await sandbox.stop();
  await s3.dispose();
  rmSync(dir, { recursive: true, force: true });
}
