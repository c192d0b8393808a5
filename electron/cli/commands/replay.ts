// batch-studio replay ID: sends a recorded run's exact batch again, to the same or another target, as a
// new run (every option of `send` applies, except the file).
import { UsageError, type CliIo } from '../io';
import { loadRunBatch } from './cli-history';
import { run as send } from './send';

export async function run(argv: string[], io: CliIo): Promise<number> {
  const [id, ...rest] = argv;
  if (id === undefined || id.startsWith('-'))
    throw new UsageError('name the run to replay (batch-studio runs list shows them).');
  const batch = await loadRunBatch(io, rest, id);
  if (typeof batch === 'number') return batch;
  return send(rest, io, batch);
}
