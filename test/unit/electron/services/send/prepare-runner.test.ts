// Preparing an app send in the prepare worker, bundled as the hosts ship it: the same events, bodies and
// exclusions as the in-process path (and, for a linted batch, the same bodies as the parsed-batch source),
// main's event loop ticking while a batch with errors is linted, and a cancel that stops the worker.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { getPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lintBatch } from '../../../../../core/rules/lint';
import { objectSource, type EventSource } from '../../../../../electron/services/send/event-source';
import { fileSource } from '../../../../../electron/services/send/file-source';
import { createPrepareRunner, type PreparedSend } from '../../../../../electron/services/send/prepare-runner';
import { bundleWorker } from '../../../../harness/worker-bundle';

const workerEntry = fileURLToPath(new URL('../../../../../electron/services/send/prepare-worker.ts', import.meta.url));
let dir = '';
let workerScript = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bs-prepare-worker-'));
  workerScript = join(dir, 'prepare-worker.mjs');
  // The worker entry bundled the way scripts/build-node.mjs bundles it next to web.mjs.
  await bundleWorker(workerEntry, workerScript);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const event = (i: number) => ({ id: `e-${i}`, timestamp: '2026-11-27T12:00:00.000Z', page: `/p/${i}`, n: i });

/** Every tenth event broken: a reserved name, a dotted name, a bad timestamp. */
const broken = (i: number): Record<string, unknown> => {
  if (i % 30 === 0) return { ...event(i), tp_source: 'x' };
  if (i % 30 === 10) return { ...event(i), user: { 'first.name': 'Ada' } };
  return { ...event(i), timestamp: '2026-11-27 12:00' };
};

const withErrors = (count: number, name = 'views') =>
  JSON.stringify({ [name]: Array.from({ length: count }, (_, i) => (i % 10 === 0 ? broken(i) : event(i))) });

const all = (source: EventSource): Uint32Array =>
  Uint32Array.from({ length: source.firsts[source.names.length] ?? 0 }, (_, g) => g);

/** Waits (polling, no fixed sleep) until `done`; fails after a minute saying what it waited for. */
async function until(done: () => boolean, what: string): Promise<void> {
  const started = Date.now();
  while (!done()) {
    if (Date.now() - started > 60_000) throw new Error(`Gave up waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The pid of this process's child running `script` (Linux: read from /proc), once there is one. */
async function prepareProcessOf(script: string): Promise<number> {
  let found: number | undefined;
  await until(() => {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        if (parent === process.pid && readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(script))
          found = Number(entry);
      } catch {
        // Gone meanwhile.
      }
    }
    return found !== undefined;
  }, 'the prepare process');
  return found ?? 0;
}

/** Everything a send takes from a preparation, as plain values. */
function seen(prepared: PreparedSend) {
  const { events } = prepared;
  const numbers = all(events);
  return {
    names: [...events.names],
    firsts: [...events.firsts],
    body: events.body(numbers).toString('utf8'),
    // With gaps, as a "valid only" request has them.
    someBody: events.body(numbers.filter((g) => g % 3 !== 1)).toString('utf8'),
    ids: Array.from(numbers, (g) => [events.hasId(g), events.id(g)]),
    exclude: [...prepared.exclude],
  };
}

const BATCHES: Record<string, string> = {
  clean: JSON.stringify({ views: [event(1), event(2)], clicks: [{ n: 3 }] }),
  'with errors': withErrors(60),
  'pretty-printed with errors and unicode': JSON.stringify(
    { wörk: [broken(0), { ...event(1), text: 'a😀b' }] },
    null,
    2,
  ),
  'a collection named twice': '{"a":[{"n":1}],"b":[{"id":"x"}],"a":[{"n":2},{"n":3}]}',
  'an integer-like and an invalid collection name': '{"views":[{"n":1}],"12":[{"n":2}],"$bad":[{"n":3}]}',
  'duplicate keys in an event, big numbers': '{"v":[{"id":"k","a":1,"a":2,"big":12345678901234567890,"e":1E3}]}',
  'a lone surrogate': '{"v":[{"id":"s","text":"\ud800x"},{"tp_x":1}]}',
};

/** Those the full linter checks (the others are plainly clean and sent as their own bytes). */
const LINTED = new Set([
  'with errors',
  'pretty-printed with errors and unicode',
  'a collection named twice',
  'an integer-like and an invalid collection name',
  'a lone surrogate',
]);

describe('prepare runner', () => {
  it.each([
    ['a process of its own', true],
    ['the worker alone (Electron)', false],
  ])(
    'answers through %s exactly as in-process, and a linted batch gives the parsed-batch bodies',
    async (_, ownProcess) => {
      const threaded = createPrepareRunner({ script: workerScript, lint: lintBatch, inProcessBelow: 0, ownProcess });
      const inProcess = createPrepareRunner({ lint: lintBatch });
      expect(threaded.threaded).toBe(true);
      expect(inProcess.threaded).toBe(false);
      for (const [name, text] of Object.entries(BATCHES)) {
        for (const mode of ['all', 'valid-only'] as const) {
          const signal = new AbortController().signal;
          const fromWorker = seen(await threaded.prepare(text, mode, signal));
          expect(fromWorker, `${name}, ${mode}`).toEqual(seen(await inProcess.prepare(text, mode, signal)));
          const file = await fileSource(Buffer.from(text));
          expect(file === undefined, `${name}: checked by the full linter`).toBe(LINTED.has(name));
          if (!LINTED.has(name) && file) {
            expect(fromWorker.body, `${name}: the file's own bytes`).toBe(file.body(all(file)).toString('utf8'));
            expect(fromWorker.ids, `${name}: the file's ids`).toEqual(
              Array.from(all(file), (g) => [file.hasId(g), file.id(g)]),
            );
          }
          const batch = lintBatch(text).batch;
          if (LINTED.has(name) && batch) {
            const parsed = objectSource(batch);
            expect(fromWorker.body, `${name}: the parsed batch's body`).toBe(parsed.body(all(parsed)).toString('utf8'));
            expect(fromWorker.someBody, `${name}: the parsed batch's body with gaps`).toBe(
              parsed.body(all(parsed).filter((g) => g % 3 !== 1)).toString('utf8'),
            );
            expect(fromWorker.ids, `${name}: the parsed batch's ids`).toEqual(
              Array.from(all(parsed), (g) => [parsed.hasId(g), parsed.id(g)]),
            );
          }
        }
      }
      const valid = seen(await threaded.prepare(withErrors(60), 'valid-only', new AbortController().signal));
      expect(valid.exclude.map((e) => e.index)).toEqual([0, 10, 20, 30, 40, 50]);
      expect(valid.exclude[0]).toMatchObject({
        collection: 'views',
        reason: expect.stringMatching(/^Not sent: it has errors/),
      });
      await threaded.close();
    },
  );

  it('refuses a batch that cannot be sent, saying where, in the worker too', async () => {
    const runner = createPrepareRunner({ script: workerScript, lint: lintBatch, inProcessBelow: 0 });
    await expect(runner.prepare('{"views": [{"a": 1}', 'all', new AbortController().signal)).rejects.toMatchObject({
      code: 'invalid',
      message: expect.stringMatching(/^The batch cannot be sent\. Line 1, column \d+:/),
    });
  });

  it("keeps main's event loop ticking while the worker lints a batch with errors", async () => {
    // Under one encoding slice, so only the worker's own time passes between the call and its answer.
    const text = withErrors(10_000);
    expect(text.length).toBeLessThan(1024 * 1024);
    const runner = createPrepareRunner({ script: workerScript, lint: lintBatch, inProcessBelow: 0 });
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    try {
      const prepared = await runner.prepare(text, 'valid-only', new AbortController().signal);
      expect([...prepared.exclude]).toHaveLength(1_000);
    } finally {
      clearInterval(timer);
    }
    expect(ticks).toBeGreaterThan(0);
  });

  it('stops the worker on a cancel: the send fails as cancelled, before anything was sent', async () => {
    const runner = createPrepareRunner({ script: workerScript, lint: lintBatch, inProcessBelow: 0 });
    const controller = new AbortController();
    const prepared = runner.prepare(withErrors(25_000), 'all', controller.signal);
    controller.abort();
    await expect(prepared).rejects.toMatchObject({
      code: 'cancelled',
      message: 'The send was cancelled before anything was sent.',
    });
    const closing = runner.prepare(withErrors(25_000), 'all', new AbortController().signal);
    await runner.close();
    await expect(closing).rejects.toMatchObject({ code: 'cancelled', message: expect.stringMatching(/closing/) });
  });

  it.runIf(process.platform === 'linux')(
    'prepares a batch in a process of its own, below main in priority; a cancel kills it',
    async () => {
      const runner = createPrepareRunner({ script: workerScript, lint: lintBatch, inProcessBelow: 0 });
      const controller = new AbortController();
      const prepared = runner.prepare(withErrors(300_000), 'valid-only', controller.signal);
      const pid = await prepareProcessOf(workerScript);
      expect(getPriority(pid)).toBe(10);
      controller.abort();
      await expect(prepared).rejects.toMatchObject({ code: 'cancelled' });
      await until(() => !existsSync(`/proc/${pid}`), 'the prepare process to end');
    },
  );

  it.runIf(process.platform === 'linux')(
    'says the check stopped when the prepare process dies, and nothing is prepared',
    async () => {
      const runner = createPrepareRunner({ script: workerScript, lint: lintBatch, inProcessBelow: 0 });
      const prepared = runner.prepare(withErrors(300_000), 'all', new AbortController().signal);
      process.kill(await prepareProcessOf(workerScript), 'SIGKILL');
      await expect(prepared).rejects.toMatchObject({
        code: 'failed',
        message: 'The batch could not be checked (the check stopped with signal SIGKILL).',
      });
    },
  );

  it('runs as the CommonJS worker Electron main starts (prepare-worker.cjs)', async () => {
    const cjs = join(dir, 'prepare-worker.cjs');
    await bundleWorker(workerEntry, cjs, 'cjs');
    const runner = createPrepareRunner({ script: cjs, lint: lintBatch, inProcessBelow: 0 });
    expect(runner.threaded).toBe(true);
    const prepared = seen(await runner.prepare(withErrors(20), 'valid-only', new AbortController().signal));
    expect(prepared.exclude.map((e) => e.index)).toEqual([0, 10]);
    expect(prepared.firsts).toEqual([0, 20]);
  });

  it('takes the text in the pieces it was staged in, even cut inside a character, as if whole', async () => {
    const whole = JSON.stringify({
      views: Array.from({ length: 30_000 }, (_, i) => ({ ...event(i), text: i % 1_000 === 0 ? '😀' : 'a' })),
    });
    // Cut inside the surrogate pairs of the first emoji, and into pieces longer than an encoding slice.
    const cut = whole.indexOf('😀') + 1;
    const pieces = [whole.slice(0, cut), whole.slice(cut, cut + 1_500_000), whole.slice(cut + 1_500_000)];
    expect(pieces.join('')).toBe(whole);
    const runner = createPrepareRunner({ script: workerScript, lint: lintBatch });
    const signal = new AbortController().signal;
    const fromPieces = await runner.prepare(pieces, 'all', signal);
    expect(Buffer.from(fromPieces.textBytes ?? []).toString('utf8')).toBe(whole);
    expect(seen(fromPieces)).toEqual(seen(await runner.prepare(whole, 'all', signal)));
    // A lone surrogate at the end of a piece is one still when the pieces are put together.
    const lone = await runner.prepare(['{"v":[{"t":"\ud800', '"}]}'], 'all', signal);
    expect(lone.textBytes).toBeUndefined();
    expect(seen(lone).body).toBe(JSON.stringify({ v: [{ t: '\ud800' }] }));
  });

  it('prepares in-process when the worker script is not there', () => {
    expect(createPrepareRunner({ script: join(dir, 'missing.mjs'), lint: lintBatch }).threaded).toBe(false);
  });

  it('checks a small batch in-process, at once, so a cancel right after the call still finds it sending', async () => {
    const runner = createPrepareRunner({ script: workerScript, lint: lintBatch });
    const controller = new AbortController();
    const prepared = runner.prepare(withErrors(60), 'valid-only', controller.signal);
    controller.abort();
    expect([...(await prepared).exclude]).toHaveLength(6);
  });
});
