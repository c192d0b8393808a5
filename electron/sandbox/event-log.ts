// The durable half of the sandbox's storage: an append-only file with group commit (one synchronized write, or
// a write and an fdatasync, for everything queued while the previous one ran): an answer waits for its own bytes.
import { chmod, open, mkdir, type FileHandle } from 'node:fs/promises';
import { constants, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { acquireFileLock, LockHeldError } from '../node/instance-lock';
import { framePieces, readRecords } from './log-framing';

export const LOG_FILE_NAME = 'events.log';
export const LOCK_FILE_NAME = 'sandbox.lock';

// Where the system has it (not Windows), the log is opened for synchronized data writes: a write returns once
// its bytes are on disk, as a write followed by fdatasync does, in one trip to the I/O thread instead of two.
const DSYNC_FLAGS =
  constants.O_DSYNC === undefined
    ? undefined
    : constants.O_APPEND | constants.O_CREAT | constants.O_WRONLY | constants.O_DSYNC;

type Pending = { kind: 'append'; pieces: Buffer[] } | { kind: 'truncate' };

export interface EventLog {
  /** Queues a record (its JSON, in parts: text, or bytes of a request's JSON); resolves once it (and everything queued before it) is on disk. */
  append(...json: (string | Uint8Array)[]): Promise<void>;
  /** Resolves once everything queued so far is on disk. */
  settled(): Promise<void>;
  /** Empties the file (after whatever is queued before it). */
  truncate(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenedLog {
  readonly log: EventLog;
  readonly records: unknown[];
}

/**
 * Claims the folder for this sandbox: two sandboxes appending to one log would interleave records and
 * each miss the other's events. A lock left by a process that is gone (kill -9) is taken over.
 */
async function lockFolder(dir: string): Promise<() => Promise<void>> {
  try {
    const lock = await acquireFileLock(join(dir, LOCK_FILE_NAME));
    return () => lock.release();
  } catch (error) {
    if (!(error instanceof LockHeldError)) throw error;
    throw new Error(`the data folder ${dir} is in use by another sandbox (process ${error.pid})`, { cause: error });
  }
}

/** Reads the log in `dir` (creating it when missing), cuts a torn tail, and opens it for appending. */
export async function openEventLog(dir: string, warn: (message: string) => void): Promise<OpenedLog> {
  await makePrivateFolder(dir);
  const unlock = await lockFolder(dir);
  try {
    return await openLocked(dir, warn, unlock);
  } catch (error) {
    await unlock();
    throw error;
  }
}

/**
 * The folder is made (or, holding a log already, narrowed to) 0700: only the user may list or read it. A
 * folder chosen with --data-dir that holds no log yet keeps its mode, it may be shared with other things.
 */
async function makePrivateFolder(dir: string): Promise<void> {
  const made = await mkdir(dir, { recursive: true, mode: 0o700 });
  if (made !== undefined || existsSync(join(dir, LOG_FILE_NAME))) await chmod(dir, 0o700);
}

async function openLocked(
  dir: string,
  warn: (message: string) => void,
  unlock: () => Promise<void>,
): Promise<OpenedLog> {
  const path = join(dir, LOG_FILE_NAME);
  const existed = existsSync(path);
  const data = existed ? readFileSync(path) : Buffer.alloc(0);
  const { records, validLength, problems } = readRecords(data);
  for (const problem of problems) warn(`sandbox storage ${path}: ${problem}`);
  const handle = await open(path, DSYNC_FLAGS ?? 'a', 0o600);
  // A log written by an earlier version was readable by everyone: the events are the user's data.
  await handle.chmod(0o600);
  if (validLength < data.length) {
    // New records must start on a fresh line, or the torn bytes would corrupt the next one.
    await handle.truncate(validLength);
    await handle.datasync();
  }
  if (!existed) await syncDirectory(dir);
  return { log: createLog(handle, unlock, validLength), records };
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } catch {
    // Some file systems refuse fsync on a directory; the file's own syncs still hold.
  } finally {
    await handle.close();
  }
}

/** More pieces than this are joined first: a gathered write takes at most so many (IOV_MAX is 1,024). */
const MAX_PIECES = 64;

/** Writes the pieces in order, in one gathered write when the system takes them all at once. */
async function writePieces(handle: FileHandle, pieces: Buffer[], total: number): Promise<void> {
  if (pieces.length > MAX_PIECES) return writeAll(handle, Buffer.concat(pieces, total));
  const { bytesWritten } = await handle.writev(pieces);
  if (bytesWritten < total) await writeAll(handle, Buffer.concat(pieces, total).subarray(bytesWritten));
}

async function writeAll(handle: FileHandle, buffer: Buffer): Promise<void> {
  let offset = 0;
  while (offset < buffer.length) {
    const { bytesWritten } = await handle.write(buffer, offset, buffer.length - offset);
    offset += bytesWritten;
  }
}

function createLog(handle: FileHandle, unlock: () => Promise<void>, initialLength: number): EventLog {
  let queue: Pending[] = [];
  let waiters: { resolve: () => void; reject: (error: unknown) => void }[] = [];
  let running: Promise<void> | undefined;
  let closed = false;
  // Bytes known to be whole records; a failed write is cut back to it, or its partial bytes would glue
  // themselves to the next record and take an acknowledged record down with them on restart.
  let length = initialLength;

  const writeBatch = async (batch: Pending[]): Promise<void> => {
    let pieces: Buffer[] = [];
    let truncated = false;
    for (const item of batch) {
      if (item.kind === 'append') pieces.push(...item.pieces);
      else {
        pieces = [];
        await handle.truncate(0);
        length = 0;
        truncated = true;
      }
    }
    if (pieces.length > 0) {
      let total = 0;
      for (const piece of pieces) total += piece.length;
      try {
        await writePieces(handle, pieces, total);
      } catch (error) {
        await handle.truncate(length).catch(() => undefined);
        throw error;
      }
      length += total;
    }
    // A truncation is not a write: it needs its own sync even when writes are synchronized.
    if (DSYNC_FLAGS === undefined || truncated) await handle.datasync();
  };

  const drain = async (): Promise<void> => {
    while (queue.length > 0) {
      const batch = queue;
      const batchWaiters = waiters;
      queue = [];
      waiters = [];
      try {
        await writeBatch(batch);
        for (const waiter of batchWaiters) waiter.resolve();
      } catch (error) {
        for (const waiter of batchWaiters) waiter.reject(error);
      }
    }
    running = undefined;
  };

  const enqueue = (item: Pending | undefined): Promise<void> => {
    if (closed) return Promise.reject(new Error('the sandbox storage is closed'));
    if (item === undefined && queue.length === 0) return running ? running.then(() => undefined) : Promise.resolve();
    const done = new Promise<void>((resolve, reject) => waiters.push({ resolve, reject }));
    if (item !== undefined) queue.push(item);
    if (!running) running = drain();
    return done;
  };

  return {
    append: (...json) => enqueue({ kind: 'append', pieces: framePieces(...json) }),
    settled: () => enqueue(undefined),
    truncate: () => enqueue({ kind: 'truncate' }),
    async close() {
      if (closed) return;
      await enqueue(undefined);
      closed = true;
      await handle.close();
      await unlock();
    },
  };
}
