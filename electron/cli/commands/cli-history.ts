// The history the CLI records into and reads from: the app's own, in the user-data folder (`--user-data
// DIR` or BATCH_STUDIO_USER_DATA), held to the app's Preferences (settings.json) unless
// BATCH_STUDIO_HISTORY_MAX_RUNS or _MAX_BYTES say otherwise.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isJsonObject, tryParseJson } from '../../../core/json/value';
import { plural } from '../../../core/text/plural';
import { createHistoryService } from '../../services/history/history-service';
import { createHistoryStore, historyDir, type HistoryStore } from '../../services/history/history-store';
import { CallFailure } from '../../contract/handlers';
import { historyLimitsOf, preferencesFrom } from '../../contract/preferences';
import { newRunId } from '../../services/history/run-id';
import { resolveUserDataDir } from '../../node/user-data';
import { EXIT, type CliIo } from '../io';

const positive = (text: string | undefined): number | undefined =>
  text !== undefined && /^\d+$/.test(text) && Number(text) > 0 ? Number(text) : undefined;

/** The history limits the app's Preferences saved (read plainly: the CLI does not load the settings store). */
async function savedLimits(userDataDir: string) {
  let text = '';
  try {
    text = await readFile(join(userDataDir, 'settings.json'), 'utf8');
  } catch {
    // No settings yet: the defaults.
  }
  const parsed = tryParseJson(text);
  const settings = parsed.ok && isJsonObject(parsed.value) ? parsed.value : {};
  return historyLimitsOf(preferencesFrom(settings['preferences']));
}

export function cliHistory(io: CliIo, argv: readonly string[]): HistoryStore {
  const userDataDir = resolveUserDataDir({ argv, env: io.env, packaged: false, cwd: io.cwd });
  const maxRuns = positive(io.env['BATCH_STUDIO_HISTORY_MAX_RUNS']);
  const maxBytes = positive(io.env['BATCH_STUDIO_HISTORY_MAX_BYTES']);
  return createHistoryStore({
    dir: historyDir(userDataDir),
    newRunId,
    limits: () => savedLimits(userDataDir),
    ...(maxRuns !== undefined ? { maxRuns } : {}),
    ...(maxBytes !== undefined ? { maxBytes } : {}),
  });
}

/** A recorded run, or an exit code after saying why there is none. */
async function fromHistory<T>(io: CliIo, what: string, work: () => Promise<T>): Promise<T | number> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof CallFailure)) throw error;
    io.stderr(`batch-studio ${what}: ${error.message}\n`);
    return error.code === 'not-found' ? EXIT.usage : EXIT.failed;
  }
}

/** The batch a run sent, to send again (`replay ID`). */
export async function loadRunBatch(
  io: CliIo,
  argv: readonly string[],
  id: string,
): Promise<{ text: string; source: string } | number> {
  const history = createHistoryService(cliHistory(io, argv));
  return fromHistory(io, 'replay', async () => {
    const { run } = await history.show(id);
    return { text: run.batchText, source: `replay of ${run.id} (${run.source})` };
  });
}

/** A run's resendable failures as a batch (`send --resend-failures ID`), saying what is left out and why. */
export async function loadFailures(
  io: CliIo,
  argv: readonly string[],
  id: string,
): Promise<{ text: string; source: string } | number> {
  const history = createHistoryService(cliHistory(io, argv));
  const failures = await fromHistory(io, 'send', () => history.resendFailures(id));
  if (typeof failures === 'number') return failures;
  if (failures.ruleRejectedCount > 0) {
    io.stderr(
      `batch-studio send: ${plural(failures.ruleRejectedCount, 'event')} of run ${id} were rejected for a rule and are not resent: fix them first (batch-studio runs export ${id} --results FILE lists them).\n`,
    );
  }
  if (failures.missingIds.length > 0) {
    io.stderr(
      `batch-studio send: ${plural(failures.missingIds.length, 'event')} to resend have no id: if an earlier copy was stored, this resend stores it again (add ids with batch-studio import --add-ids to make resends safe).\n`,
    );
  }
  if (failures.batchCount === 0) {
    io.stderr(`batch-studio send: run ${id} has no not-sent, unknown or retryable events to resend.\n`);
    return EXIT.ok;
  }
  return { text: failures.batchText, source: `failures of ${id}` };
}
