// The app's services over a real embedded sandbox in a temp user-data folder, called through the router
// the way both transports call them: send → report, valid-only, duplicates, cancel, persistence, no key leaks.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAppServices, type AppServices } from '../../../../electron/services/app-services';
import { createRouter, type Router } from '../../../../electron/router/router';
import type { CallResult, EventName, SendProgress, SendReport } from '../../../../electron/contract/channels';

interface Harness {
  readonly services: AppServices;
  readonly router: Router<null>;
  readonly events: { name: EventName; payload: unknown }[];
  readonly dir: string;
  call(channel: string, input?: unknown): Promise<CallResult<unknown>>;
}

const open: AppServices[] = [];
const dirs: string[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function harness(options: { dir?: string; latencyMs?: number } = {}): Promise<Harness> {
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'bs-services-')));
  if (!options.dir) dirs.push(dir);
  const events: Harness['events'] = [];
  const services = createAppServices({
    userDataDir: dir,
    host: 'web',
    version: '9.9.9',
    emit: (name, payload) => events.push({ name, payload }),
    ...(options.latencyMs ? { sandboxLatencyMs: options.latencyMs } : {}),
  });
  open.push(services);
  await services.start();
  const router = createRouter<null>({
    handlers: services.handlers,
    isTrustedSender: () => true,
    secrets: services.secrets,
  });
  return { services, router, events, dir, call: (channel, input = {}) => router.call(channel, input, null) };
}

const data = <T>(result: CallResult<unknown>): T => {
  if (!result.ok) throw new Error(`call failed: ${result.error.code} ${result.error.message}`);
  return result.data as T;
};

const sandboxKeys = async (dir: string): Promise<string[]> => {
  const identity = JSON.parse(await readFile(join(dir, 'sandbox.json'), 'utf8')) as { keys: Record<string, string> };
  return Object.values(identity.keys);
};

const batchText = JSON.stringify(
  {
    pageviews: [
      { id: 'a1', page: '/home' },
      { id: 'a2', tp_secret: 1 },
      { id: 'a3', page: '/about' },
    ],
    clicks: [{ id: 'c1', button: 'buy' }],
  },
  null,
  2,
);

describe('app services', () => {
  it('starts the embedded sandbox with a persistent identity kept only for the user', async () => {
    const h = await harness();
    const status = data<{ state: string; url: string; projectId: string; eventCount: number }>(
      await h.call('sandbox:status'),
    );
    expect(status.state).toBe('running');
    expect(status.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await stat(join(h.dir, 'sandbox.json'))).mode & 0o777).toBe(0o600);
    expect(
      h.events.some((e) => e.name === 'sandbox:status' && (e.payload as { state: string }).state === 'running'),
    ).toBe(true);

    const info = data<{ version: string; host: string; userDataDir: string }>(await h.call('app:info'));
    expect(info).toEqual({ version: '9.9.9', host: 'web', userDataDir: h.dir });
  });

  it('lists the Local sandbox profile with its key status but never its key', async () => {
    const h = await harness();
    const result = await h.call('profiles:list');
    const list = data<{
      profiles: {
        id: string;
        builtIn: boolean;
        baseUrl: string;
        key: { set: boolean; storage: string; last4?: string };
      }[];
      selectedId: string;
    }>(result);
    expect(list.selectedId).toBe('local-sandbox');
    expect(list.profiles).toHaveLength(1);
    expect(list.profiles[0]).toMatchObject({
      id: 'local-sandbox',
      name: 'Local sandbox',
      builtIn: true,
      key: { set: true, storage: 'built-in' },
    });
    expect(list.profiles[0]?.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:/);
    expect(list.profiles[0]?.key.last4?.length ?? 0).toBeLessThanOrEqual(4);
    for (const key of await sandboxKeys(h.dir)) expect(JSON.stringify(result)).not.toContain(key);
  });

  it('sends a batch: one outcome per event, progress events, a key hint and no key anywhere', async () => {
    const h = await harness();
    const keys = await sandboxKeys(h.dir);
    const result = await h.call('send:start', { runId: 'run-1', profileId: 'local-sandbox', batchText, chunkSize: 2 });
    const report = data<SendReport>(result);
    expect(report.cancelled).toBe(false);
    expect(report.target.profileName).toBe('Local sandbox');
    expect(report.target.keyHint).toMatch(/^••••.{0,4}$/);
    expect(report.collections).toEqual([
      { name: 'pageviews', events: 3 },
      { name: 'clicks', events: 1 },
    ]);
    expect(report.outcomes.map((o) => [o.collection, o.index, o.outcome])).toEqual([
      ['pageviews', 0, 'accepted'],
      ['pageviews', 1, 'rejected'],
      ['pageviews', 2, 'accepted'],
      ['clicks', 0, 'accepted'],
    ]);
    expect(report.requests).toHaveLength(2);
    const progress = h.events.filter((e) => e.name === 'send:progress').map((e) => e.payload as SendProgress);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((p) => p.runId === 'run-1')).toBe(true);
    expect(progress.at(-1)).toMatchObject({ requestsDone: 2, requestsTotal: 2, eventsDone: 4, eventsTotal: 4 });

    const everything = JSON.stringify([result, h.events]);
    for (const key of keys) expect(everything).not.toContain(key);

    // The same events again are duplicates: the first stored copy wins.
    const again = data<SendReport>(
      await h.call('send:start', { runId: 'run-2', profileId: 'local-sandbox', batchText }),
    );
    expect(again.outcomes.map((o) => o.outcome)).toEqual(['duplicate', 'rejected', 'duplicate', 'duplicate']);
    const status = data<{ eventCount: number }>(await h.call('sandbox:status'));
    expect(status.eventCount).toBe(3);
  });

  it('valid-only leaves the events with lint errors unsent', async () => {
    const h = await harness();
    const report = data<SendReport>(
      await h.call('send:start', { runId: 'r', profileId: 'local-sandbox', batchText, mode: 'valid-only' }),
    );
    expect(report.outcomes.map((o) => o.outcome)).toEqual(['accepted', 'not-sent', 'accepted', 'accepted']);
    expect(report.outcomes[1]?.message).toContain('reserved-prefix-tp');
  });

  it('refuses a batch that is not an object of collections, and an unknown profile, with messages for people', async () => {
    const h = await harness();
    const broken = await h.call('send:start', { runId: 'r', profileId: 'local-sandbox', batchText: '{"a": [' });
    expect(broken.ok).toBe(false);
    if (!broken.ok) {
      expect(broken.error.code).toBe('invalid');
      expect(broken.error.message).toMatch(/Line \d+, column \d+/);
    }
    const unknown = await h.call('send:start', { runId: 'r2', profileId: 'staging', batchText });
    expect(unknown.ok ? 'ok' : unknown.error.code).toBe('not-found');
    const select = await h.call('profiles:select', { id: 'staging' });
    expect(select.ok ? 'ok' : select.error.code).toBe('not-found');
  });

  it('cancelling a slow send leaves its events not-sent and reports the run as cancelled', async () => {
    const h = await harness({ latencyMs: 30_000 });
    const pending = h.call('send:start', { runId: 'slow', profileId: 'local-sandbox', batchText, chunkSize: 1 });
    const cancelled = data<{ cancelled: boolean }>(await h.call('send:cancel', { runId: 'slow' }));
    expect(cancelled.cancelled).toBe(true);
    const report = data<SendReport>(await pending);
    expect(report.cancelled).toBe(true);
    expect(new Set(report.outcomes.map((o) => o.outcome))).toEqual(new Set(['not-sent']));
    expect(data<{ cancelled: boolean }>(await h.call('send:cancel', { runId: 'slow' })).cancelled).toBe(false);
  });

  it('keeps the selection, the sandbox identity and its events across restarts; reset empties it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bs-services-'));
    dirs.push(dir);
    const first = await harness({ dir });
    data(await first.call('profiles:select', { id: 'local-sandbox' }));
    expect(JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8'))).toEqual({
      version: 1,
      selectedProfileId: 'local-sandbox',
    });
    data(await first.call('send:start', { runId: 'r', profileId: 'local-sandbox', batchText }));
    const before = data<{ projectId: string; eventCount: number }>(await first.call('sandbox:status'));
    const restarted = data<{ state: string; projectId: string; eventCount: number }>(
      await first.call('sandbox:restart'),
    );
    expect(restarted).toMatchObject({ state: 'running', projectId: before.projectId, eventCount: 3 });
    await first.services.close();

    const second = await harness({ dir });
    const status = data<{ projectId: string; eventCount: number }>(await second.call('sandbox:status'));
    expect(status).toMatchObject({ projectId: before.projectId, eventCount: 3 });
    const reset = data<{ eventCount: number }>(await second.call('sandbox:reset'));
    expect(reset.eventCount).toBe(0);
  });

  it('keeps a damaged settings file aside instead of overwriting it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bs-services-'));
    dirs.push(dir);
    const { writeFile, readdir } = await import('node:fs/promises');
    await writeFile(join(dir, 'settings.json'), '{ not json');
    const h = await harness({ dir });
    expect(data<{ selectedId: string }>(await h.call('profiles:list')).selectedId).toBe('local-sandbox');
    data(await h.call('profiles:select', { id: 'local-sandbox' }));
    const names = await readdir(dir);
    const aside = names.find((n) => n.startsWith('settings.json.damaged-'));
    expect(aside).toBeDefined();
    expect(await readFile(join(dir, aside as string), 'utf8')).toBe('{ not json');
  });
});

describe('what the sandbox stored (sandbox:collections, sandbox:export)', () => {
  it('lists collections with counts and filters by property and timeframe, without any sandbox key in the answers', async () => {
    const h = await harness();
    const text = JSON.stringify({
      views: [
        { id: 'v1', timestamp: '2024-01-01T00:00:00.000Z', page: '/home', ms: 10 },
        { id: 'v2', timestamp: '2024-01-02T00:00:00.000Z', page: '/about', ms: 30 },
        { id: 'v3', timestamp: '2024-01-03T00:00:00.000Z', page: '/home', ms: 50 },
      ],
      clicks: [{ id: 'c1' }],
    });
    data(await h.call('send:start', { runId: 'stored-1', profileId: 'local-sandbox', batchText: text }));
    const listed = await h.call('sandbox:collections');
    expect(data(listed)).toEqual({
      collections: [
        { name: 'clicks', count: 1 },
        { name: 'views', count: 3 },
      ],
    });

    const filtered = await h.call('sandbox:export', {
      collection: 'views',
      query: { filter: { page: '/home', ms: { gt: 20 } } },
    });
    expect(data(filtered)).toEqual({
      events: [{ id: 'v3', timestamp: '2024-01-03T00:00:00.000Z', page: '/home', ms: 50 }],
      matched: 1,
    });
    const framed = data<{ events: { id: string }[]; matched: number }>(
      await h.call('sandbox:export', {
        collection: 'views',
        query: { timeframe: { start: '2024-01-02T00:00:00Z' } },
        limit: 1,
      }),
    );
    expect(framed.matched).toBe(2);
    expect(framed.events.map((e) => e.id)).toEqual(['v2']);
    expect(data(await h.call('sandbox:export', { collection: 'none' }))).toEqual({ events: [], matched: 0 });

    const invalid = await h.call('sandbox:export', {
      collection: 'views',
      query: { timeframe: { start: 'yesterday' } },
    });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid' } });
    for (const key of await sandboxKeys(h.dir)) {
      for (const answer of [listed, filtered, invalid]) expect(JSON.stringify(answer)).not.toContain(key);
    }
  });

  it('a change to an exported event does not change what is stored', async () => {
    const h = await harness();
    data(
      await h.call('send:start', {
        runId: 'stored-2',
        profileId: 'local-sandbox',
        batchText: '{"c": [{"id": "x", "n": {"v": 1}}]}',
      }),
    );
    const first = data<{ events: { n: { v: number } }[] }>(await h.call('sandbox:export', { collection: 'c' }));
    (first.events[0] as { n: { v: number } }).n.v = 99;
    const again = data<{ events: { n: { v: number } }[] }>(await h.call('sandbox:export', { collection: 'c' }));
    expect(again.events[0]?.n.v).toBe(1);
  });
});

describe('test runs in a temporary sandbox (sandbox:use-temporary)', () => {
  it('sends and resets go to a fresh sandbox while it is on; the stored events stay untouched', async () => {
    const h = await harness();
    data(
      await h.call('send:start', {
        runId: 'mine-1',
        profileId: 'local-sandbox',
        batchText: '{"c": [{"id": "kept-1"}, {"id": "kept-2"}]}',
      }),
    );
    expect(data(await h.call('sandbox:use-temporary', { on: true }))).toEqual({ temporary: true });
    data(await h.call('sandbox:reset'));
    const report = data<{ outcomes: { outcome: string }[] }>(
      await h.call('send:start', {
        runId: 'test-1',
        profileId: 'local-sandbox',
        batchText: '{"c": [{"id": "kept-1"}, {"id": "t"}]}',
      }),
    );
    // A fresh sandbox: the id stored in the user's sandbox is new here.
    expect(report.outcomes.map((o) => o.outcome)).toEqual(['accepted', 'accepted']);
    expect(data(await h.call('sandbox:use-temporary', { on: false }))).toEqual({ temporary: false });
    const stored = data<{ events: { id: string }[] }>(await h.call('sandbox:export', { collection: 'c' }));
    expect(stored.events.map((e) => e.id)).toEqual(['kept-1', 'kept-2']);
    const after = data<{ outcomes: { outcome: string }[] }>(
      await h.call('send:start', {
        runId: 'mine-2',
        profileId: 'local-sandbox',
        batchText: '{"c": [{"id": "kept-1"}]}',
      }),
    );
    expect(after.outcomes.map((o) => o.outcome)).toEqual(['duplicate']);
  });
});
