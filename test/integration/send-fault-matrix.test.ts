// The fault matrix of spec §9: `batch-studio send --json` of 20,000 events against a sandbox injecting one
// kind of fault (and a mix), then what the sandbox stored, compared event by event with what was reported:
// nothing reported delivered is missing, nothing with an id is stored twice, nothing reported not-sent or
// rejected was stored. Seeds are fixed so a failure replays. Prints the table (runs × lost / doubled /
// misreported / unknown).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, sandboxTarget } from '../harness/cli-process';
import { callSandbox, startSandboxProcess, type SandboxProcess } from '../harness/sandbox-process';

const EVENTS = 20_000;
/** Four collections of 5,000: each under the export's 10,000-event cap. */
const COLLECTIONS = ['fm0', 'fm1', 'fm2', 'fm3'];

interface Scenario {
  readonly name: string;
  readonly sandbox: readonly string[];
  readonly send: readonly string[];
}

const scenarios: readonly Scenario[] = [
  {
    name: 'event failures',
    sandbox: ['--fail-events', '0.2', '--seed', '101'],
    send: ['--chunk-size', '1000', '--retries', '6'],
  },
  {
    name: 'request 500s',
    sandbox: ['--fail-requests', '0.3', '--seed', '102'],
    send: ['--chunk-size', '1000', '--retries', '6'],
  },
  {
    name: 'dropped connections',
    sandbox: ['--drop-requests', '0.3', '--seed', '103'],
    send: ['--chunk-size', '1000', '--retries', '6'],
  },
  {
    name: 'drops after storing',
    sandbox: ['--drop-after-store', '0.3', '--seed', '104'],
    send: ['--chunk-size', '1000', '--retries', '6'],
  },
  { name: 'latency beyond --timeout', sandbox: ['--latency', '300'], send: ['--timeout', '200', '--retries', '1'] },
  {
    name: 'mix',
    sandbox: [
      '--fail-events',
      '0.1',
      '--fail-requests',
      '0.15',
      '--drop-requests',
      '0.15',
      '--drop-after-store',
      '0.15',
      '--seed',
      '106',
    ],
    send: ['--chunk-size', '1000', '--retries', '6'],
  },
];

interface Outcome {
  readonly collection: string;
  readonly index: number;
  readonly id?: string | number;
  readonly outcome: string;
}

interface Row {
  readonly run: string;
  readonly lost: number;
  readonly doubled: number;
  readonly misreported: number;
  readonly unknown: number;
  readonly unknownStored: number;
  readonly delivered: number;
}

const dir = mkdtempSync(join(tmpdir(), 'bs-fault-matrix-'));
const rows: Row[] = [];
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  const header = ['run', 'lost', 'doubled', 'misreported', 'unknown', 'unknown (stored)', 'delivered'];
  const lines = rows.map((r) =>
    [r.run, r.lost, r.doubled, r.misreported, r.unknown, r.unknownStored, r.delivered].map(String),
  );
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const format = (cells: string[]) =>
    '| ' + cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(' | ') + ' |';
  console.log(
    [
      'Fault matrix (20,000 events a run):',
      format(header),
      '|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|',
      ...lines.map(format),
    ].join('\n'),
  );
});

/** Every event carries a serial `n` (unique in the run) so stored copies can be matched, with or without an id. */
function batchFile(name: string, withoutIdShare: number): string {
  const batch: Record<string, unknown[]> = {};
  let n = 0;
  for (const collection of COLLECTIONS) {
    batch[collection] = Array.from({ length: EVENTS / COLLECTIONS.length }, () => {
      const serial = n++;
      // Every tenth event (for a 10% share) has no id.
      const withoutId = withoutIdShare > 0 && serial % Math.round(1 / withoutIdShare) === 0;
      return withoutId ? { n: serial, page: `/p${serial}` } : { id: `ev-${serial}`, n: serial, page: `/p${serial}` };
    });
  }
  const path = join(dir, `${name}.json`);
  writeFileSync(path, JSON.stringify(batch));
  return path;
}

/** The stored events of a collection; asked again when the sandbox's own faults drop or fail the export. */
async function exported(sandbox: SandboxProcess, collection: string): Promise<{ n: number }[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      const answer = await callSandbox(sandbox, 'GET', `/events/${collection}/export`, { key: 'query' });
      if (answer.status === 200) return answer.json<{ results: { n: number }[] }>().results;
      if (attempt >= 50) throw new Error(`export answered ${answer.status}: ${answer.text}`);
    } catch (error) {
      if (attempt >= 50) throw error;
    }
  }
}

async function runScenario(scenario: Scenario, withoutIdShare: number): Promise<Row> {
  const label = `${scenario.name}, ${withoutIdShare > 0 ? '10% without id' : 'all with ids'}`;
  const path = batchFile(`${scenario.name.replace(/\W+/g, '-')}-${withoutIdShare}`, withoutIdShare);
  const sandbox = await startSandboxProcess([...scenario.sandbox]);
  try {
    const run = await runCli(['send', path, ...sandboxTarget(sandbox), ...scenario.send, '--json'], {
      cwd: dir,
      env: { BS_KEY: sandbox.keys.push },
    });
    expect(run.stderr).not.toContain(sandbox.keys.push);
    const report = JSON.parse(run.stdout) as { outcomes: Outcome[] };
    expect(report.outcomes).toHaveLength(EVENTS);
    const copies = new Uint16Array(EVENTS);
    for (const collection of COLLECTIONS)
      for (const event of await exported(sandbox, collection)) copies[event.n] = (copies[event.n] ?? 0) + 1;
    const perCollection = EVENTS / COLLECTIONS.length;
    let lost = 0;
    let doubled = 0;
    let misreported = 0;
    let unknown = 0;
    let unknownStored = 0;
    let delivered = 0;
    for (const o of report.outcomes) {
      const n = COLLECTIONS.indexOf(o.collection) * perCollection + o.index;
      const stored = copies[n] ?? 0;
      if (o.id !== undefined && stored > 1) doubled++;
      if (o.outcome === 'accepted' || o.outcome === 'duplicate') {
        delivered++;
        if (stored === 0) lost++;
      } else if (o.outcome === 'not-sent' || o.outcome === 'rejected') {
        if (stored > 0) misreported++;
      } else if (o.outcome === 'unknown') {
        unknown++;
        if (stored > 0) unknownStored++;
      }
    }
    const row = { run: label, lost, doubled, misreported, unknown, unknownStored, delivered };
    rows.push(row);
    return row;
  } finally {
    await sandbox.stop();
  }
}

describe('send fault matrix (spec §9)', () => {
  for (const scenario of scenarios) {
    for (const withoutIdShare of [0, 0.1]) {
      it(`${scenario.name}, ${withoutIdShare > 0 ? '10% of events without an id' : 'every event with an id'}: 0 lost, 0 doubled, 0 misreported`, async () => {
        const row = await runScenario(scenario, withoutIdShare);
        expect({ lost: row.lost, doubled: row.doubled, misreported: row.misreported }).toEqual({
          lost: 0,
          doubled: 0,
          misreported: 0,
        });
      }, 180_000);
    }
  }
});
