// The sandbox's append-only log on a real temp folder: group commit, truncation, torn tails cut on open.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  appendFileSync,
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOG_FILE_NAME, openEventLog } from '../../../../electron/sandbox/event-log';

let dir: string;
const warnings: string[] = [];
const open = () => openEventLog(dir, (message) => warnings.push(message));

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sandbox-log-'));
  warnings.length = 0;
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('event log', () => {
  it('creates the folder and file, and reads back concurrent appends in order', async () => {
    const nested = join(dir, 'a', 'b');
    dir = nested;
    const { log, records } = await open();
    expect(records).toEqual([]);
    await Promise.all(Array.from({ length: 50 }, (_, i) => log.append(JSON.stringify({ i }))));
    await log.close();
    const reopened = await open();
    expect(reopened.records).toEqual(Array.from({ length: 50 }, (_, i) => ({ i })));
    await reopened.log.close();
    expect(warnings).toEqual([]);
  });

  it('truncate empties the file, and appends after it follow', async () => {
    const { log } = await open();
    await log.append('{"n":1}');
    const truncated = log.truncate();
    const after = log.append('{"n":2}');
    await Promise.all([truncated, after]);
    await log.close();
    const reopened = await open();
    expect(reopened.records).toEqual([{ n: 2 }]);
    await reopened.log.close();
  });

  it('settled resolves at once when nothing is queued and after the queue otherwise', async () => {
    const { log } = await open();
    await log.settled();
    const appended = log.append('{"n":1}');
    await log.settled();
    expect(statSync(join(dir, LOG_FILE_NAME)).size).toBeGreaterThan(0);
    await appended;
    await log.close();
    await expect(log.append('{}')).rejects.toThrow(/closed/);
  });

  it('cuts a torn tail on open, with a warning, so the next record starts on its own line', async () => {
    const first = await open();
    await first.log.append('{"n":1}');
    await first.log.close();
    const path = join(dir, LOG_FILE_NAME);
    const goodSize = statSync(path).size;
    appendFileSync(path, 'deadbeef {"n":');
    const second = await open();
    expect(warnings.join('\n')).toMatch(/incomplete/);
    expect(statSync(path).size).toBe(goodSize);
    await second.log.append('{"n":2}');
    await second.log.close();
    expect(readFileSync(path, 'utf8').split('\n').filter(Boolean)).toHaveLength(2);
    const third = await open();
    expect(third.records).toEqual([{ n: 1 }, { n: 2 }]);
    await third.log.close();
  });
});

describe('event log permissions', () => {
  it('makes the folder 0700 and the log 0600, also narrowing a log and folder an earlier version left open', async () => {
    const fresh = join(dir, 'fresh');
    const made = await openEventLog(fresh, () => undefined);
    await made.log.close();
    expect(statSync(fresh).mode & 0o777).toBe(0o700);
    expect(statSync(join(fresh, LOG_FILE_NAME)).mode & 0o777).toBe(0o600);

    const old = join(dir, 'old');
    mkdirSync(old, { mode: 0o755 });
    chmodSync(old, 0o755);
    writeFileSync(join(old, LOG_FILE_NAME), '', { mode: 0o644 });
    chmodSync(join(old, LOG_FILE_NAME), 0o644);
    const reopened = await openEventLog(old, () => undefined);
    await reopened.log.close();
    expect(statSync(old).mode & 0o777).toBe(0o700);
    expect(statSync(join(old, LOG_FILE_NAME)).mode & 0o777).toBe(0o600);
  });
});

describe('event log folder lock', () => {
  it('refuses a second log on a folder in use, and frees the folder on close', async () => {
    const first = await open();
    await expect(open()).rejects.toThrow(/in use by another sandbox/);
    await first.log.close();
    const second = await open();
    await second.log.close();
  });

  it('takes over a lock left by a process that is gone', async () => {
    // Far above any pid the kernel hands out by default, so no process has it.
    writeFileSync(join(dir, 'sandbox.lock'), '2147483646\n');
    const opened = await open();
    // The lock names its owner on its first line (then its start time and a token).
    expect(readFileSync(join(dir, 'sandbox.lock'), 'utf8').split('\n')[0]).toBe(String(process.pid));
    await opened.log.close();
  });
});
