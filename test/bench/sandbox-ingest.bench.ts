// Sandbox ingest: 5,000-event batches from one keep-alive client into a sandbox process with --data-dir
// (every answer waits for its fsync) against a parse+append+fsync floor in the same run, the event-loop hold of
// one push, then push, export and restart times with 1,000,000 stored events.
import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEventStore } from '../../electron/sandbox/event-store';
import { createFaults } from '../../electron/sandbox/faults';
import { pushBatchBytes } from '../../electron/sandbox/push-bytes';

const root = process.cwd();
const BATCH = 5_000;
const TARGET_EVENTS = 1_000_000;
const RATE_WINDOW_MS = 5_000;
const BUDGET_MS = 60_000;
const ROUNDS = 5;
const PER_ROUND = 8; // bodies of each round: 40,000 events
const WARM_UP = 8; // bodies through each side first (own collection): no round pays for the JIT

interface Ready {
  url: string;
  projectId: string;
  keys: { push: string; query: string; master: string };
}

async function start(dataDir: string): Promise<{ ready: Ready; child: ChildProcess; startedInMs: number }> {
  const began = performance.now();
  const child = spawn(
    process.execPath,
    [
      'bin/batch-studio.mjs',
      'sandbox',
      '--port',
      '0',
      '--json',
      '--data-dir',
      dataDir,
      '--project-id',
      'bench',
      '--push-key',
      'kp',
      '--query-key',
      'kq',
      '--master-key',
      'km',
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const ready = await new Promise<Ready>((resolve, reject) => {
    let out = '';
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      out += chunk;
      const end = out.indexOf('\n');
      if (end >= 0) resolve(JSON.parse(out.slice(0, end)) as Ready);
    });
    child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}`)));
  });
  return { ready, child, startedInMs: performance.now() - began };
}

/** Resident memory of the sandbox process (Linux), for the cost of the in-memory index. */
const residentMiB = (child: ChildProcess): string => {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? '?' : `${Math.round(Number(kb) / 1024)} MiB`;
  } catch {
    return '?';
  }
};

/**
 * CPU time (user + system, all threads) a process has used, in ms, from /proc (Linux; clock ticks of 10 ms).
 * On a shared machine wall-clock rates mostly measure the load; CPU per batch does not.
 */
const cpuMsOf = (pid: number | undefined): number => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
};

const stop = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

function call(
  ready: Ready,
  method: string,
  path: string,
  key: string,
  body?: Buffer,
): Promise<{ status: number; text: string }> {
  const url = new URL(path, ready.url);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        agent,
        headers: {
          'x-project-id': ready.projectId,
          'x-api-key': key,
          ...(body ? { 'content-length': body.length } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const batchBody = (n: number, collection = 'bench'): Buffer => {
  const events = [];
  for (let i = 0; i < BATCH; i++) {
    const seq = n * BATCH + i;
    events.push({
      id: `evt-${seq}`,
      timestamp: new Date(Date.UTC(2024, 0, 1) + seq * 1000).toISOString(),
      product: seq % 3 === 0 ? 'apple' : 'pear',
      qty: seq % 100,
      customer: { tier: seq % 10 === 0 ? 'gold' : 'silver', country: 'NZ' },
    });
  }
  return Buffer.from(JSON.stringify({ [collection]: events }));
};

const NEWLINE = Buffer.from('\n');

/**
 * The floor: what durable ingest costs without HTTP, rules or an index. Each body is parsed, appended to a
 * file and fdatasync'd before the next one, one at a time as the sandbox's single client sends them.
 */
async function floorRate(dir: string, bodies: readonly Buffer[]): Promise<number> {
  const handle = await open(join(dir, 'floor.log'), 'a', 0o600);
  const began = performance.now();
  let events = 0;
  try {
    for (const body of bodies) {
      const batch = JSON.parse(body.toString('utf8')) as Record<string, unknown[]>;
      for (const list of Object.values(batch)) events += list.length;
      // The line and its newline in one write, as the sandbox writes a record: a second write would be a
      // second trip to the I/O thread the floor need not pay.
      await handle.writev([body, NEWLINE]);
      await handle.datasync();
    }
  } finally {
    await handle.close();
  }
  return events / ((performance.now() - began) / 1000);
}

/** The sandbox's rate over these bodies, one request at a time, each answered after its fsync. */
async function sandboxRate(ready: Ready, bodies: readonly Buffer[]): Promise<number> {
  const began = performance.now();
  for (const body of bodies) {
    const { status } = await call(ready, 'POST', '/events', ready.keys.push, body);
    if (status !== 200) throw new Error(`push answered ${status}`);
  }
  return (bodies.length * BATCH) / ((performance.now() - began) / 1000);
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1] ?? 0;

/**
 * How long one 5,000-event push holds the event loop: the synchronous part of the push, in this process, with a
 * durable store (its record is framed and its write started inside that part). The median, the longest, and the
 * first (the code still cold, as in a sandbox's first push) apart.
 */
async function loopBlockMs(
  dir: string,
  bodies: readonly Buffer[],
): Promise<{ median: number; longest: number; first: number }> {
  const store = await openEventStore({ dataDir: join(dir, 'hold'), warn: () => undefined });
  const context = {
    store,
    faults: createFaults({ latencyMs: 0, failEvents: 0, failRequests: 0, dropRequests: 0, seed: 1 }),
    duplicates: 'report' as const,
  };
  const times: number[] = [];
  for (const body of bodies.slice(0, 21)) {
    const t = performance.now();
    // As the server calls it: on the body's bytes, once they are all read.
    const reply = pushBatchBytes(context, body);
    times.push(performance.now() - t);
    await reply;
  }
  await store.close();
  return { median: median(times), longest: Math.max(...times.slice(1)), first: times[0] ?? 0 };
}

const dataDir = mkdtempSync(join(tmpdir(), 'sandbox-bench-'));
try {
  let { ready, child } = await start(dataDir);
  const bodies: Buffer[] = [];
  const batches = TARGET_EVENTS / BATCH;
  for (let n = 0; n < batches; n++) bodies.push(batchBody(n));
  console.log(`batch body: ${((bodies[0]?.length ?? 0) / 1024) | 0} KiB for ${BATCH} events`);

  const warmUp = Array.from({ length: WARM_UP }, (_, n) => batchBody(n, 'warmup'));
  await floorRate(dataDir, warmUp);
  await sandboxRate(ready, warmUp);

  // Floor and sandbox in alternating rounds over the same kind of bodies, so a change in the machine's load
  // (it is shared) weighs on both alike; the ratio is of the medians.
  const floors: number[] = [];
  const ingests: number[] = [];
  const cpu = { floor: 0, sandbox: 0 };
  for (let round = 0; round < ROUNDS; round++) {
    const slice = bodies.slice(round * PER_ROUND, (round + 1) * PER_ROUND);
    const floorCpu = process.cpuUsage();
    floors.push(await floorRate(dataDir, slice));
    const used = process.cpuUsage(floorCpu);
    cpu.floor += (used.user + used.system) / 1000;
    const sandboxCpu = cpuMsOf(child.pid);
    ingests.push(await sandboxRate(ready, slice));
    cpu.sandbox += cpuMsOf(child.pid) - sandboxCpu;
  }
  const floor = median(floors);
  const ingest = median(ingests);
  console.log(
    `floor (parse + append + fdatasync per body, no HTTP): ${Math.round(floor).toLocaleString('en')} events/s (median of ${ROUNDS})`,
  );
  console.log(
    `ingest (durable, one client, ${BATCH}-event batches): ${Math.round(ingest).toLocaleString('en')} events/s (median of ${ROUNDS}, alternating with the floor)`,
  );
  console.log(`ingest / floor: ${(ingest / floor).toFixed(2)}× (target ≥ 0.6×)`);
  const perBatch = (ms: number): string => (ms / (ROUNDS * PER_ROUND)).toFixed(1);
  console.log(
    `CPU per batch, all rounds: floor ${perBatch(cpu.floor)} ms (this process), sandbox ${perBatch(cpu.sandbox)} ms (its process, user + system): ${(cpu.floor / cpu.sandbox).toFixed(2)}×`,
  );
  const hold = await loopBlockMs(dataDir, bodies);
  console.log(
    `one ${BATCH}-event push holds the event loop: ${hold.median.toFixed(1)} ms (median of 21, in-process, durable store; longest ${hold.longest.toFixed(1)} ms after the first, which took ${hold.first.toFixed(1)} ms)`,
  );
  const warmedUp = ROUNDS * PER_ROUND;

  const began = performance.now();
  let pushed = warmedUp * BATCH;
  let windowRate: number | undefined;
  for (const body of bodies.slice(warmedUp)) {
    const { status } = await call(ready, 'POST', '/events', ready.keys.push, body);
    if (status !== 200) throw new Error(`push answered ${status}`);
    pushed += BATCH;
    const elapsed = performance.now() - began;
    if (windowRate === undefined && elapsed >= RATE_WINDOW_MS) {
      windowRate = (pushed - warmedUp * BATCH) / (elapsed / 1000);
      console.log(
        `ingest with ${pushed.toLocaleString('en')} stored: ${Math.round(windowRate).toLocaleString('en')} events/s over ${(elapsed / 1000).toFixed(1)} s`,
      );
    }
    if (elapsed > BUDGET_MS) break;
  }
  const total = (performance.now() - began) / 1000;
  console.log(
    `stored ${pushed.toLocaleString('en')} events; the last ${(pushed - warmedUp * BATCH).toLocaleString('en')} in ${total.toFixed(1)} s: ${Math.round((pushed - warmedUp * BATCH) / total).toLocaleString('en')} events/s`,
  );
  console.log(
    `log size: ${(statSync(join(dataDir, 'events.log')).size / 1024 / 1024).toFixed(0)} MiB; sandbox resident memory: ${residentMiB(child)}`,
  );

  if (pushed >= TARGET_EVENTS) {
    const extra = Buffer.from(
      JSON.stringify({ bench: Array.from({ length: BATCH }, (_, i) => ({ id: `extra-${i}`, n: i })) }),
    );
    let t = performance.now();
    await call(ready, 'POST', '/events', ready.keys.push, extra);
    console.log(`push of ${BATCH} more events with 1,000,000 stored: ${(performance.now() - t).toFixed(1)} ms`);
    const exportOf = async (label: string, query: unknown) => {
      t = performance.now();
      const { status, text } = await call(
        ready,
        'GET',
        `/events/bench/export?query=${encodeURIComponent(JSON.stringify(query))}`,
        ready.keys.query,
      );
      const count = status === 200 ? (JSON.parse(text) as { results: unknown[] }).results.length : 0;
      console.log(`export ${label}: ${(performance.now() - t).toFixed(1)} ms (status ${status}, ${count} events)`);
    };
    await exportOf('filter on a rare value (scans 1,000,000)', {
      filter: { qty: 42, product: 'apple', 'customer.tier': 'silver' },
    });
    await exportOf('timeframe of 10,000 events', {
      timeframe: { start: '2024-01-02T00:00:00Z', end: '2024-01-02T02:46:40Z' },
    });
    await exportOf('everything (over the limit: 413)', {});
    await stop(child);
    ({ ready, child } = await start(dataDir).then((s) => {
      console.log(
        `restart with ${(pushed + BATCH + WARM_UP * BATCH).toLocaleString('en')} events in the log: ready in ${s.startedInMs.toFixed(0)} ms`,
      );
      return s;
    }));
  }
  await stop(child);
} finally {
  agent.destroy();
  rmSync(dataDir, { recursive: true, force: true });
}
