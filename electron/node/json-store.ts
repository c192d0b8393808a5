// One small JSON file of the app (profiles, keys, settings, consent, window, sandbox identity) as a value:
// read once, validated, and changed only by computing the next value, writing it atomically, then swapping.
import { z } from 'zod';
import { writeFileAtomic } from './atomic-file';
import { readJsonFile } from './json-file';

export interface JsonStoreOptions<S extends z.ZodType> {
  readonly path: string;
  readonly schema: S;
  /** The value while no (usable) file exists; a function is called once, when it is needed. */
  readonly initial: z.output<S> | (() => z.output<S>);
  /** File mode of every write: 0o600 for anything holding secrets. */
  readonly mode?: number;
  /** Write the initial value at once when no usable file exists (an identity that must stay stable). */
  readonly persistInitial?: boolean;
  /** What the person is told when a damaged file was kept aside. */
  readonly damaged?: (keptAs: string) => string;
  /** Turns an older layout into the current one before it is validated. */
  readonly migrate?: (raw: unknown) => unknown;
  readonly now?: () => Date;
}

export interface JsonStore<T> {
  read(): Promise<T>;
  /** Computes the next value from the current one; memory changes only once the file is written. */
  update(change: (current: T) => T | Promise<T>): Promise<T>;
  /** Like update, with an answer computed alongside the next value. */
  transact<R>(
    change: (
      current: T,
    ) => { readonly next: T; readonly result: R } | Promise<{ readonly next: T; readonly result: R }>,
  ): Promise<R>;
  /** Problems found when the file was loaded (a damaged file kept aside), for the UI. */
  problems(): readonly string[];
}

/** Thrown when the file exists but cannot be read at all (permissions): nothing is replaced then. */
export class JsonStoreError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path} cannot be read (${reason}).`);
  }
}

const serialise = (value: unknown): string => JSON.stringify(value, null, 2) + '\n';

export function createJsonStore<S extends z.ZodType>(options: JsonStoreOptions<S>): JsonStore<z.output<S>> {
  type T = z.output<S>;
  const problems: string[] = [];
  let cached: Promise<T> | undefined;
  // Changes run one after another, so two quick ones never overwrite each other.
  let queue: Promise<unknown> = Promise.resolve();
  const initial = (): T => (typeof options.initial === 'function' ? (options.initial as () => T)() : options.initial);
  const write = (value: T) =>
    writeFileAtomic(options.path, serialise(value), options.mode !== undefined ? { mode: options.mode } : {});

  const load = async (): Promise<T> => {
    const schema = options.migrate ? z.preprocess(options.migrate, options.schema) : options.schema;
    let read;
    try {
      read = await readJsonFile(options.path, schema, options.now);
    } catch (error) {
      throw new JsonStoreError(options.path, (error as NodeJS.ErrnoException).code ?? 'error');
    }
    if (read.status === 'ok') return read.value;
    if (read.status === 'damaged')
      problems.push(
        options.damaged?.(read.keptAs) ?? `${options.path} was damaged and has been kept aside as ${read.keptAs}.`,
      );
    const value = options.schema.parse(initial());
    if (options.persistInitial) await write(value);
    return value;
  };

  const read = (): Promise<T> => {
    // A failed load is not remembered: the next read tries the disk again.
    cached ??= load().catch((error: unknown) => {
      cached = undefined;
      throw error;
    });
    return cached;
  };

  const transact: JsonStore<T>['transact'] = (change) => {
    const run = queue.then(async () => {
      const { next, result } = await change(await read());
      const checked = options.schema.parse(next);
      await write(checked);
      cached = Promise.resolve(checked);
      return result;
    });
    queue = run.catch(() => undefined);
    return run;
  };

  return {
    async read() {
      await queue;
      return read();
    },
    update: (change) =>
      transact(async (current) => {
        const next = await change(current);
        return { next, result: next };
      }),
    transact,
    problems: () => [...problems],
  };
}
