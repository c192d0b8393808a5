// Sends chunks one after another at the server's pace: the next body is built while a request is with
// the server, and each delivery is handed over as it completes. With concurrency > 1, a small pool.
import type { BodyPieces } from './event-source';
import type { Chunk, Transmission } from './transmit';

export interface PipelineOptions {
  readonly concurrency: number;
  readonly signal?: AbortSignal;
  readonly body: (chunk: Chunk) => BodyPieces;
  readonly transmit: (chunk: Chunk, prepared?: BodyPieces) => Promise<Transmission>;
  readonly handOver: (transmission: Transmission) => void;
}

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export async function deliverAll(chunks: Iterable<Chunk>, options: PipelineOptions): Promise<void> {
  const { signal } = options;
  const iterator = chunks[Symbol.iterator]();
  const nextChunk = (): Chunk | undefined => {
    const step = iterator.next();
    return step.done ? undefined : step.value;
  };
  if (options.concurrency > 1) {
    const worker = async () => {
      for (let chunk = nextChunk(); chunk !== undefined; chunk = nextChunk())
        options.handOver(await options.transmit(chunk));
    };
    await Promise.all(Array.from({ length: options.concurrency }, worker));
    return;
  }
  let current = nextChunk();
  if (!current) return;
  let inFlight = options.transmit(current, signal?.aborted ? undefined : options.body(current));
  while (current) {
    const next = nextChunk();
    // Let the request go out before the event loop is busy building the next body.
    await turn();
    const nextBody = next && !signal?.aborted ? options.body(next) : undefined;
    const done = await inFlight;
    if (next) {
      inFlight = options.transmit(next, nextBody);
      // The request is written on a later tick: let it go out before this answer is worked through.
      await turn();
    }
    options.handOver(done);
    current = next;
  }
}
