// The leak test: a profile gets a distinctive API key through the UI, then the main flows run in the browser
// host (test connection, send, raw responses, export, a 401 and a network failure, against a server that even
// echoes the key back). Afterwards the key is searched for everywhere it must not be: the DOM and input values,
// window globals, local/session storage, the renderer's JS heap, every bridge response and pushed event,
// console output, the user-data folder except the key store, every downloaded file, and the host's
// stdout/stderr. It must be found only where expected: in the requests the target server received.
import { expect, onlyInBrowserHost, test } from './fixtures';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { ensureRendererBuilt, launchChromium, watchPage, type PageProblems } from '../harness/chromium';
import { ensureNodeBuilt } from '../harness/node-build';
import { projectRoot } from '../harness/project-root';
import { setEditorText } from './app-fixture';

test.describe.configure({ mode: 'serial' });
// It drives the browser host itself (its bridge, its token, its output).
onlyInBrowserHost();

/** Waits for the UI and the servers behind it; a loaded machine may take a while. */
const POLL = { timeout: 30_000 };
const KEY = 'sk-LEAK-7Qz9-canary-b5d1e4c3a2f0';
/** What must never show: anything more than the last 4 characters, in any encoding we could think of. */
const NEEDLES = [
  KEY.slice(0, -4),
  Buffer.from(KEY).toString('base64'),
  Buffer.from(KEY.slice(0, -4)).toString('base64').slice(0, -4),
  encodeURIComponent(KEY.slice(0, -4)),
];

const findLeak = (text: string): string | undefined => NEEDLES.find((needle) => text.includes(needle));
/** The canary for S3 secrets: held exactly like API keys, so it must never reach another endpoint either. */
const S3_SECRET = 's3-LEAK-9Kx2-canary-f00dcafe1234';

/** A listener on another loopback port that records every request whole (headers and body). */
async function startForeign(): Promise<{ url: string; seen: string[]; close(): Promise<void> }> {
  const seen: string[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      seen.push(
        `${request.method} ${request.url}\n${JSON.stringify(request.headers)}\n${Buffer.concat(chunks).toString('utf8')}`,
      );
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end('{}');
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

/** A Connect-like server on loopback; its base path picks the behaviour, and it records every key it receives. */
interface Target {
  readonly url: string;
  readonly received: { path: string; key: string | undefined }[];
  close(): Promise<void>;
}

async function startTarget(): Promise<Target> {
  const received: Target['received'] = [];
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      const key = request.headers['x-api-key'];
      received.push({ path: request.url ?? '', key: Array.isArray(key) ? key[0] : key });
      let batch: Record<string, unknown[]>;
      try {
        batch = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown[]>;
      } catch {
        batch = {};
      }
      const json = (status: number, body: unknown) => {
        response.writeHead(status, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify(body));
      };
      if (key !== KEY) return json(401, { errorMessage: 'Unauthorised. Please check your Project Id and API Key.' });
      // A careless or hostile server that repeats the key it was given, in a 401 and in per-event messages.
      if (request.url?.startsWith('/unauthorised/'))
        return json(401, { errorMessage: `Unauthorised key ${KEY}`, header: `X-Api-Key: ${KEY}` });
      const echo = request.url?.startsWith('/echo/');
      const results = Object.fromEntries(
        Object.entries(batch).map(([name, events]) => [
          name,
          (Array.isArray(events) ? events : []).map(() =>
            echo ? { success: false, message: `refused for key ${KEY}` } : { success: true },
          ),
        ]),
      );
      json(200, results);
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}

/** The browser host as a child process whose whole stdout and stderr are kept. */
interface Host {
  readonly appUrl: string;
  readonly base: string;
  readonly token: string;
  readonly userDataDir: string;
  output(): string;
  stop(): Promise<void>;
}

async function startHost(): Promise<Host> {
  ensureRendererBuilt();
  ensureNodeBuilt();
  const userDataDir = mkdtempSync(join(tmpdir(), 'bs-leak-'));
  const child: ChildProcess = spawn(
    process.execPath,
    [join(projectRoot, 'dist', 'node', 'web.mjs'), '--port', '0', '--user-data', userDataDir],
    {
      cwd: projectRoot,
      env: { ...process.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stderr?.setEncoding('utf8').on('data', (c: string) => (output += c));
  const appUrl = await new Promise<string>((resolve, reject) => {
    child.stdout?.setEncoding('utf8').on('data', (c: string) => {
      output += c;
      const m = /Batch Studio is running at (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(output);
      if (m?.[1]) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`the browser host exited with ${code}:\n${output}`)));
  });
  const [base = '', token = ''] = appUrl.split('/#token=');
  return {
    appUrl,
    base,
    token,
    userDataDir,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Reads the bridge's pushed events (SSE) from Node for the whole test. */
function recordEvents(host: Host): { text(): string; stop(): void } {
  const controller = new AbortController();
  let text = '';
  void fetch(`${host.base}/bridge/events?token=${encodeURIComponent(host.token)}`, { signal: controller.signal })
    .then(async (response) => {
      const reader = response.body?.getReader();
      const decoder = new TextDecoder();
      for (;;) {
        const chunk = await reader?.read();
        if (!chunk || chunk.done) break;
        text += decoder.decode(chunk.value, { stream: true });
      }
    })
    .catch(() => undefined);
  return { text: () => text, stop: () => controller.abort() };
}

const BATCH = JSON.stringify(
  {
    purchases: [
      { id: 'l-1', price: 1 },
      { id: 'l-2', price: 2 },
    ],
    views: [{ id: 'l-3' }],
  },
  null,
  2,
);

/** Every own property of window that serialises, a few levels deep, cycles and DOM nodes skipped. */
const windowGlobals = (page: Page): Promise<string> =>
  page.evaluate(() => {
    const seen = new WeakSet<object>();
    const parts: string[] = [];
    const walk = (value: unknown, depth: number): void => {
      if (typeof value === 'string') parts.push(value);
      if (typeof value !== 'object' || value === null || depth > 4) return;
      if (seen.has(value) || value instanceof Node) return;
      seen.add(value);
      let names: string[];
      try {
        names = Object.getOwnPropertyNames(value).slice(0, 2000);
      } catch {
        return;
      }
      for (const name of names) {
        try {
          walk((value as Record<string, unknown>)[name], depth + 1);
        } catch {
          // Getters that throw (cross-origin, deprecated APIs) hold nothing of ours.
        }
      }
    };
    for (const name of Object.getOwnPropertyNames(window)) {
      try {
        walk((window as unknown as Record<string, unknown>)[name], 0);
      } catch {
        // As above.
      }
    }
    return parts.join('\n');
  });

/** A heap snapshot of the renderer after a full garbage collection, as text. */
async function heapSnapshot(page: Page): Promise<string> {
  const cdp = await page.context().newCDPSession(page);
  const chunks: string[] = [];
  cdp.on('HeapProfiler.addHeapSnapshotChunk', (event: { chunk: string }) => chunks.push(event.chunk));
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  await cdp.detach();
  return chunks.join('');
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

test.describe('no API key leaks from the main process', () => {
  let host: Host;
  let target: Target;
  let browser: Browser;
  let page: Page;
  let problems: PageProblems;
  let events: ReturnType<typeof recordEvents>;
  const bridgeResponses: { url: string; body: string }[] = [];
  const consoleLines: string[] = [];
  const downloads: { name: string; text: string }[] = [];

  test.beforeAll(async () => {
    target = await startTarget();
    host = await startHost();
    events = recordEvents(host);
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    page = await context.newPage();
    problems = await watchPage(page);
    page.on('console', (message) => consoleLines.push(`${message.type()}: ${message.text()}`));
    page.on('response', (response) => {
      const url = response.url();
      if (!url.includes('/bridge/invoke/')) return;
      void response.text().then(
        (body) => bridgeResponses.push({ url, body }),
        () => bridgeResponses.push({ url, body: '<unreadable>' }),
      );
    });
    await page.goto(host.appUrl);
    await page.locator('.monaco-editor .view-lines').first().waitFor();
  });

  test.afterAll(async () => {
    events?.stop();
    await browser?.close();
    await host?.stop();
    await target?.close();
  });

  const dialog = () => page.getByRole('dialog', { name: 'Profiles' });
  const keyField = () => dialog().getByRole('group', { name: 'API key' }).locator('input[type="password"]');
  const testResult = () => dialog().getByRole('status', { name: 'Connection test' });

  async function editBaseUrl(url: string): Promise<void> {
    await page.getByRole('button', { name: 'Profiles', exact: true }).click();
    await dialog().getByRole('navigation', { name: 'Profile list' }).getByRole('button', { name: /Leaky/ }).click();
    await dialog().getByLabel('Base URL').fill(url);
    // A key stays with the host it was given for: pointing the profile at another origin asks for it again.
    await keyField().fill(KEY);
    await dialog().getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => dialog().getByRole('status').last().innerText(), POLL).toMatch(/Saved/);
    await dialog().getByRole('button', { name: 'Close' }).click();
  }

  async function send(): Promise<void> {
    const before = await page.locator('.requests-panel').innerText();
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect.poll(() => page.locator('.requests-panel').innerText(), POLL).not.toBe(before);
  }

  /** Shows every request's raw response in the viewer (the DOM is searched after each). */
  async function viewEveryResponse(): Promise<string> {
    const select = page.locator('.requests-panel select');
    const options = await select.locator('option').count();
    let seen = '';
    for (let i = 0; i < options; i++) {
      await select.selectOption({ index: i });
      // Headers and body sit in collapsed sections: open them, and make the curl command, so all is in the DOM.
      await page
        .locator('.requests-panel details')
        .evaluateAll((parts) => parts.forEach((part) => part.setAttribute('open', '')));
      await page.getByRole('button', { name: 'Copy as curl' }).click();
      seen += await page.locator('.requests-panel').innerText();
    }
    return seen;
  }

  async function exportResults(): Promise<void> {
    for (const name of ['CSV', 'JSON']) {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name, exact: true }).click(),
      ]);
      const path = await download.path();
      downloads.push({ name: download.suggestedFilename(), text: readFileSync(path, 'utf8') });
    }
  }

  test('configures a profile with the key through the write-only field and tests it', async () => {
    await page.getByRole('button', { name: 'Profiles', exact: true }).click();
    await dialog().getByRole('button', { name: 'Accept file storage for API keys' }).click();
    await dialog().getByRole('button', { name: 'New profile' }).click();
    await dialog().getByLabel('Name').fill('Leaky');
    await dialog().getByLabel('Base URL').fill(`${target.url}/ok`);
    await dialog().getByLabel('Project id').fill('leak-project');
    await keyField().fill(KEY);
    // Tested as a draft first, with the key typed so far.
    await dialog().getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => testResult().innerText(), POLL).toMatch(/^Connected/);
    await dialog().getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => dialog().locator('.key-status').innerText(), POLL).toContain(`••••${KEY.slice(-4)}`);
    expect(await keyField().inputValue()).toBe('');
    await dialog().getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => testResult().innerText(), POLL).toMatch(/^Connected/);
    await dialog().getByRole('button', { name: 'Close' }).click();
    await page.getByRole('combobox', { name: 'Target' }).selectOption({ label: 'Leaky' });
    await expect.poll(() => page.locator('.target-badge').innerText(), POLL).toContain('Leaky');
  });

  test('sends, shows the raw request and responses, and exports the results', async () => {
    await setEditorText(page, BATCH);
    await send();
    expect(await page.locator('.count-pill[data-outcome="accepted"] .count-value').innerText()).toBe('3');
    expect(await viewEveryResponse()).toContain(`••••${KEY.slice(-4)}`);
    await exportResults();
  });

  test('goes through a server that echoes the key, a 401 that repeats it, and a network failure', async () => {
    await editBaseUrl(`${target.url}/echo`);
    await send();
    expect(await page.locator('.count-pill[data-outcome="rejected"] .count-value').innerText()).toBe('3');
    const echoed = await viewEveryResponse();
    expect(echoed).toContain('refused for key ••••');
    await exportResults();

    await editBaseUrl(`${target.url}/unauthorised`);
    await send();
    await viewEveryResponse();
    await exportResults();
    await page.getByRole('button', { name: 'Profiles', exact: true }).click();
    await dialog().getByRole('navigation', { name: 'Profile list' }).getByRole('button', { name: /Leaky/ }).click();
    await dialog().getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => testResult().innerText(), POLL).toMatch(/401/);
    await dialog().getByRole('button', { name: 'Close' }).click();

    await editBaseUrl(`http://127.0.0.1:${await closedPort()}`);
    await send();
    expect(await page.locator('.count-pill[data-outcome="not-sent"] .count-value').innerText()).toBe('3');
    await viewEveryResponse();
    await exportResults();
    await page.getByRole('button', { name: 'Profiles', exact: true }).click();
    await dialog().getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => testResult().innerText(), POLL).toMatch(/^Unreachable/);
    await dialog().getByRole('button', { name: 'Close' }).click();
  });

  test('finds the key only in the requests the target received', async () => {
    // Expected: every request to the target carried it (and the target saw no other key).
    expect(target.received.length).toBeGreaterThanOrEqual(6);
    expect(new Set(target.received.map((r) => r.key))).toEqual(new Set([KEY]));

    const dom = await page.content();
    expect(findLeak(dom), 'DOM').toBeUndefined();
    const inputs = await page.evaluate(() =>
      [...document.querySelectorAll('input, textarea, select')].map((e) => (e as HTMLInputElement).value).join('\n'),
    );
    expect(findLeak(inputs), 'input values').toBeUndefined();
    const storage = await page.evaluate(() =>
      JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage } }),
    );
    expect(findLeak(storage), 'local/session storage').toBeUndefined();
    expect(findLeak(await windowGlobals(page)), 'window globals').toBeUndefined();
    expect(findLeak(await heapSnapshot(page)), 'renderer JS heap').toBeUndefined();

    await expect.poll(() => bridgeResponses.length, POLL).toBeGreaterThan(10);
    for (const response of bridgeResponses)
      expect(findLeak(response.body), `bridge response ${response.url}`).toBeUndefined();
    expect(bridgeResponses.some((r) => r.url.endsWith('/profiles:set-key'))).toBe(true);
    expect(findLeak(events.text()), 'pushed events').toBeUndefined();
    expect(events.text()).toContain('send:progress');
    expect(findLeak(consoleLines.join('\n')), 'console').toBeUndefined();

    expect(downloads.length).toBe(8);
    for (const file of downloads) expect(findLeak(file.text), `downloaded ${file.name}`).toBeUndefined();

    const files = filesUnder(host.userDataDir).filter((path) => !/[/\\]keys\.json($|\.)/.test(path));
    expect(files.some((path) => path.endsWith('profiles.json'))).toBe(true);
    for (const path of files) expect(findLeak(readFileSync(path).toString('latin1')), path).toBeUndefined();
    // The key store itself does hold it (a 0600 file in the browser host, after the user's consent).
    expect(readFileSync(join(host.userDataDir, 'keys.json'), 'utf8')).toContain(Buffer.from(KEY).toString('base64'));

    expect(findLeak(host.output()), 'host stdout/stderr').toBeUndefined();
    expect(problems.pageErrors).toEqual([]);
  });

  test('never sends a saved key or S3 secret to another origin, whatever a caller holding the bridge token asks', async () => {
    const foreign = await startForeign();
    const answers: string[] = [];
    const invoke = async (
      channel: string,
      input: unknown,
    ): Promise<{ ok: boolean; data?: never; error?: { message: string } }> => {
      const response = await fetch(`${host.base}/bridge/invoke/${channel}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Bridge-Token': host.token, Origin: host.base },
        body: JSON.stringify(input),
      });
      const text = await response.text();
      answers.push(text);
      return JSON.parse(text) as { ok: boolean; data?: never; error?: { message: string } };
    };
    try {
      // A fresh profile whose key and S3 secret are saved for the echoing target and its "S3 endpoint".
      const draft = {
        name: 'Bound',
        baseUrl: `${target.url}/ok`,
        projectId: 'bound',
        bulkImport: { bucket: 'bound-bucket', endpoint: target.url, accessKeyId: 'AKIABOUND' },
      };
      // Self-contained: the browser host asks for consent in the page; here the bridge gives it, as the page would.
      await invoke('profiles:accept-weak-storage', {});
      const created = await invoke('profiles:create', { draft });
      const id = (created.data as unknown as { id: string }).id;
      expect((await invoke('profiles:set-key', { id, key: KEY })).ok).toBe(true);
      expect((await invoke('profiles:set-s3-secret', { id, secret: S3_SECRET })).ok).toBe(true);
      const batchText = '{"clicks":[{"id":"f-1"}]}';

      // Test connection with a draft pointing elsewhere: refused, the foreign host is never asked.
      const elsewhere = { ...draft, baseUrl: foreign.url };
      const refused = await invoke('profiles:test', { id, draft: elsewhere });
      expect(refused.data).toMatchObject({ verdict: 'invalid' });
      expect(JSON.stringify(refused.data)).toMatch(/never sent/);
      await invoke('profiles:test', { id, draft: { ...draft, baseUrl: `${foreign.url}/ok` } });
      await invoke('profiles:test', {
        id,
        draft: { ...draft, baseUrl: foreign.url.replace('127.0.0.1', 'localhost') },
      });
      // Still usable where it belongs.
      expect((await invoke('profiles:test', { id })).data).toMatchObject({ verdict: 'ok' });
      expect((await invoke('send:start', { runId: 'bound-1', profileId: id, batchText })).ok).toBe(true);

      // Copies keep the binding; pointing the original or a copy elsewhere drops the saved secrets, then sends fail.
      const copy = ((await invoke('profiles:duplicate', { id })).data as unknown as { id: string }).id;
      for (const target of [id, copy]) {
        await invoke('profiles:update', {
          id: target,
          draft: {
            ...elsewhere,
            name: target === id ? 'Bound' : 'Bound copy',
            bulkImport: { ...draft.bulkImport, endpoint: foreign.url },
          },
        });
        const after = await invoke('send:start', { runId: `moved-${target}`, profileId: target, batchText });
        expect(after.ok).toBe(false);
        expect(after.error?.message).toMatch(/No API key is set/);
        expect((await invoke('profiles:test', { id: target })).data).toMatchObject({
          verdict: 'invalid',
          message: expect.stringMatching(/No API key is set/),
        });
        const listed = (await invoke('profiles:list', {})).data as unknown as {
          profiles: { id: string; key: { set: boolean }; bulkImport?: { secret: { set: boolean } } }[];
        };
        const moved = listed.profiles.find((p) => p.id === target);
        expect(moved?.key.set).toBe(false);
        expect(moved?.bulkImport?.secret.set).toBe(false);
      }

      // A key typed for the new host goes there (that is the person's choice), and nothing else does.
      await invoke('profiles:test', { id, draft: elsewhere, key: 'sk-typed-for-foreign-0000' });
      expect(foreign.seen.some((r) => r.includes('sk-typed-for-foreign-0000'))).toBe(true);
      for (const request of foreign.seen) {
        expect(request.includes(KEY), `foreign host received the saved key: ${request.slice(0, 80)}`).toBe(false);
        expect(request.includes(S3_SECRET), 'foreign host received the S3 secret').toBe(false);
      }
      for (const answer of answers) {
        expect(findLeak(answer), 'bridge answer').toBeUndefined();
        expect(answer.includes(S3_SECRET), 'bridge answer holds the S3 secret').toBe(false);
      }
      expect(
        findLeak(host.output()) ?? (host.output().includes(S3_SECRET) ? S3_SECRET : undefined),
        'host output',
      ).toBeUndefined();
      // Like the key, the S3 secret sits only in the key store: no other file of the user-data folder holds it.
      const s3Needles = [S3_SECRET.slice(0, -4), Buffer.from(S3_SECRET).toString('base64')];
      for (const path of filesUnder(host.userDataDir).filter((p) => !/[/\\]keys\.json($|\.)/.test(p))) {
        const text = readFileSync(path).toString('latin1');
        expect(
          s3Needles.some((needle) => text.includes(needle)),
          path,
        ).toBe(false);
      }
    } finally {
      await foreign.close();
    }
  });
});
