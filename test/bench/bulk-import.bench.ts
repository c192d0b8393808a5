// Events per second for 1,000,000 events end to end through the bulk import (write NDJSON, upload to a
// loopback s3rver, /event-import, poll to the end) against chunked sending of the same events (200 requests
// of 5,000) to the same sandbox, in one run. Run: npm run build:node && node scripts/bench.mjs bulk-import
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { runBulkImport } from '../../electron/services/bulk-import/bulk-import';
import { sendBatch } from '../../electron/services/sender';
import { startS3Server } from '../harness/s3-server';
import { startSandboxProcess } from '../harness/sandbox-process';

const EVENTS = Number(process.env['BULK_BENCH_EVENTS'] ?? 1_000_000);

const events = (prefix: string) =>
  Array.from({ length: EVENTS }, (_, i) => ({
    id: `${prefix}-${i}`,
    timestamp: '2026-11-27T12:00:00.000Z',
    page: `/products/${i % 997}`,
    user: { id: `u${i % 4_999}`, plan: i % 3 === 0 ? 'pro' : 'free' },
    durationMs: (i * 37) % 10_000,
  }));

const s3 = await startS3Server();
const ready = await startSandboxProcess(['--s3-endpoint', s3.url], { nodeFlags: ['--max-old-space-size=4096'] });
const reset = async () => {
  const answer = await fetch(`${ready.url}/sandbox/reset`, {
    method: 'POST',
    headers: { 'X-Project-Id': ready.projectId, 'X-Api-Key': ready.keys.master },
  });
  if (answer.status !== 200) throw new Error(`reset answered ${answer.status}`);
};
const rate = (ms: number) => Math.round(EVENTS / (ms / 1000)).toLocaleString('en-US');

try {
  const batch = { pageviews: events('ev') };
  const phases = new Map<string, number>();
  let started = performance.now();
  const bulk = await runBulkImport({
    batch,
    target: { url: ready.url, projectId: ready.projectId, apiKey: ready.keys.push },
    s3: {
      bucket: s3.bucket,
      prefix: 'bench/',
      region: 'us-east-1',
      endpoint: s3.url,
      accessKeyId: s3.accessKeyId,
      secretAccessKey: s3.secretAccessKey,
    },
    pollIntervalMs: 250,
    onProgress: (p) => {
      if (!phases.has(p.phase)) phases.set(p.phase, performance.now() - started);
    },
  });
  const bulkMs = performance.now() - started;
  if (bulk.error !== undefined || bulk.outcomes.some((o) => o.outcome !== 'imported'))
    throw new Error(`bulk import did not import every event: ${bulk.error ?? ''}`);
  const at = (phase: string) => phases.get(phase) ?? Number.NaN;

  await reset();
  started = performance.now();
  const chunked = await sendBatch({ batch, url: ready.url, projectId: ready.projectId, apiKey: ready.keys.push });
  const chunkedMs = performance.now() - started;
  if (chunked.outcomes.some((o) => o.outcome !== 'accepted'))
    throw new Error('chunked sending did not get every event accepted');

  console.log(
    `${EVENTS.toLocaleString('en-US')} events, one collection (load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}):`,
  );
  console.log(
    `  bulk import: ${bulkMs.toFixed(0)} ms = ${rate(bulkMs)} events/s (write NDJSON ${at('uploading').toFixed(0)} ms, upload ${(at('importing') - at('uploading')).toFixed(0)} ms, import and poll ${(bulkMs - at('importing')).toFixed(0)} ms; ${(bulk.uploads[0]?.bytes ?? 0).toLocaleString('en-US')} bytes)`,
  );
  console.log(
    `  chunked:     ${chunkedMs.toFixed(0)} ms = ${rate(chunkedMs)} events/s (${chunked.requests.length} requests of at most 5,000)`,
  );
  console.log(`  ratio:       bulk import is ${(chunkedMs / bulkMs).toFixed(2)}× the speed of chunked sending`);
} finally {
  await ready.stop();
  await s3.dispose();
}
