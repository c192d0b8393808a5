// batch-studio runs list|show|compare|export|delete|clear: the history of sends, as the app's History panel
// shows it, from the same user-data folder.
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { outcomeRecord } from '../../../core/formats/results-json';
import { OUTCOMES } from '../../../core/send/outcome';
import { count } from '../../../core/text/plural';
import type { RunSummary } from '../../contract/channels';
import {
  createHistoryService,
  type HistoryService,
  type RunExportFormat,
} from '../../services/history/history-service';
import { CallFailure } from '../../contract/handlers';
import { EXIT, UsageError, type CliIo } from '../io';
import { fileErrorReason, readFlags } from '../command-line';
import { cliHistory } from './cli-history';

function countsText(run: RunSummary): string {
  return (
    OUTCOMES.filter((o) => run.counts[o] > 0)
      .map((o) => `${count(run.counts[o])} ${o}`)
      .join(', ') || 'no outcomes'
  );
}

function listText(runs: readonly RunSummary[]): string {
  if (runs.length === 0) return 'No runs in history.\n';
  return (
    runs
      .map((r) => {
        const target = r.target.name ? `${r.target.name} (${r.target.url})` : r.target.url;
        const state = r.complete ? (r.cancelled ? ' [cancelled]' : '') : ' [incomplete]';
        return `${r.id}  ${r.startedAt}  ${r.source} → ${target}  ${count(r.events)} events: ${countsText(r)}${state}`;
      })
      .join('\n') + '\n'
  );
}

/** `runs export ID --results OUT.csv|.json|.xml` chooses the format by the file's extension. */
function exportFormat(file: string): RunExportFormat {
  const lower = file.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.xml')) return 'junit';
  throw new UsageError('--results writes .csv, .json or .xml (JUnit); name the file with one of these extensions.');
}

/** Streams `{"run": ..., "outcomes": [...]}` in pieces, so 100,000 outcomes never become one string. */
async function showJson(history: HistoryService, id: string, io: CliIo): Promise<void> {
  const { run, outcomes } = await history.show(id);
  io.stdout(`{"run":${JSON.stringify(run)},"outcomes":[`);
  for (let start = 0; start < outcomes.length; start += 2000) {
    io.stdout(
      (start === 0 ? '' : ',') +
        outcomes
          .slice(start, start + 2000)
          .map((o) => JSON.stringify(outcomeRecord(o)))
          .join(','),
    );
  }
  io.stdout(']}\n');
}

async function showText(history: HistoryService, id: string, io: CliIo): Promise<void> {
  const { run, outcomes } = await history.show(id);
  io.stdout(listText([run]));
  for (const r of run.requests)
    io.stdout(
      `  request ${r.request}: ${r.eventCount} events, ${r.attempts} attempts, ${r.status ?? 'no answer'}${r.durationMs !== undefined ? `, ${Math.round(r.durationMs)} ms` : ''}${r.error ? ` (${r.error})` : ''}\n`,
    );
  for (const o of outcomes)
    io.stdout(
      `  ${o.collection}[${o.index}]${o.id !== undefined ? ` id ${JSON.stringify(o.id)}` : ''}: ${o.outcome}${o.message ? ` (${o.message})` : ''}\n`,
    );
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = readFlags(argv, {
    json: { type: 'boolean', default: false },
    results: { type: 'string' },
    'user-data': { type: 'string' },
  });
  const [sub, ...ids] = positionals;
  const history = createHistoryService(cliHistory(io, argv));
  const needIds = (n: number): string[] => {
    if (ids.length !== n)
      throw new UsageError(
        `runs ${sub} takes ${n === 1 ? 'one run id' : `${n} run ids`} (batch-studio runs list shows them).`,
      );
    return ids;
  };
  try {
    switch (sub) {
      case 'list': {
        const { runs } = await history.list({});
        io.stdout(values.json ? JSON.stringify({ runs }) + '\n' : listText(runs));
        return EXIT.ok;
      }
      case 'show': {
        const [id = ''] = needIds(1);
        await (values.json ? showJson(history, id, io) : showText(history, id, io));
        return EXIT.ok;
      }
      case 'compare': {
        const [a = '', b = ''] = needIds(2);
        const comparison = await history.compare(a, b);
        if (values.json) io.stdout(JSON.stringify({ summary: comparison.summary, changes: comparison.changes }) + '\n');
        else {
          const s = comparison.summary;
          io.stdout(
            `${count(s.same)} same, ${count(s.changed)} changed, ${count(s.onlyInA)} only in ${a}, ${count(s.onlyInB)} only in ${b}\n`,
          );
          for (const c of comparison.changes.filter((c) => c.kind === 'changed'))
            io.stdout(
              `  ${c.collection}${c.id !== undefined ? ` id ${JSON.stringify(c.id)}` : `[${c.indexA}]`}: ${c.outcomeA} → ${c.outcomeB}\n`,
            );
        }
        return EXIT.ok;
      }
      case 'export': {
        const [id = ''] = needIds(1);
        if (!values.results) throw new UsageError('name the file to write with --results OUT.csv|.json|.xml.');
        const exported = await history.exportRun(id, exportFormat(values.results));
        try {
          await writeFile(resolve(io.cwd, values.results), exported.text);
        } catch (error) {
          io.stderr(`batch-studio runs: cannot write '${values.results}': ${fileErrorReason(error)}.\n`);
          return EXIT.usage;
        }
        io.stderr(`Wrote the results of run ${id} to ${values.results}\n`);
        return EXIT.ok;
      }
      case 'delete': {
        const [id = ''] = needIds(1);
        await history.remove(id);
        io.stderr(`Deleted run ${id}\n`);
        return EXIT.ok;
      }
      case 'clear': {
        needIds(0);
        io.stderr(`Deleted ${count(await history.clear())} runs\n`);
        return EXIT.ok;
      }
      default:
        throw new UsageError(
          sub === undefined
            ? 'say what to do: list, show, compare, export, delete or clear.'
            : `unknown sub-command '${sub}'.`,
        );
    }
  } catch (error) {
    if (!(error instanceof CallFailure)) throw error;
    io.stderr(`batch-studio runs: ${error.message}\n`);
    return error.code === 'not-found' ? EXIT.usage : EXIT.failed;
  }
}
