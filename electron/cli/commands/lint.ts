// batch-studio lint: not built yet.
import { UsageError, type CliIo } from '../io';

export async function run(_argv: string[], _io: CliIo): Promise<number> {
  throw new UsageError('not implemented yet');
}
