// `batch-studio send` against curl sending the same requests with precomputed bodies over one kept-alive
// connection, for 50,000 events (10 requests, median of 5) and 500,000 events (100 requests, median of 3),
// all in one run against one sandbox; then the peak RSS of sending 1,000,000 events against the file's
// size. Prints times and ratios (targets: ≤ 1.6×, ≤ 1.25×, ≤ 2× the file); nothing is asserted. Beside
// them, the floor a Node client starts from: `node -e 0`, and Node sending curl's precomputed bodies with
// node:http over one kept-alive connection (no file read, no check).
// Run: npm run bench send
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startSandboxProcess, type SandboxProcess } from '../harness/sandbox-process';
import { pageviewEvent } from './pageview-event';

const CHUNK = 5_000;
const root = process.cwd();
const dir = mkdtempSync(join(tmpdir(), 'bs-send-bench-'));
// Prints the process's peak RSS when it exits (loaded with --import into the measured command).
const rssProbe = join(dir, 'rss-probe.mjs');
writeFileSync(
  rssProbe,
  "process.on('exit', () => { const u = process.resourceUsage(); process.stderr.write(`peak-rss-kib ${u.maxRSS}\\ncpu-ms ${(u.userCPUTime + u.systemCPUTime) / 1000}\\n`); });\n",
);
// Node sending the request bodies given as files with node:http, one after another over one kept-alive socket.
const nodeFloor = join(dir, 'node-floor.mjs');
writeFileSync(
  nodeFloor,
  `import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
const [url, projectId, ...files] = process.argv.slice(2);
const agent = new Agent({ keepAlive: true });
for (const file of files) {
  const body = readFileSync(file);
  await new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { 'X-Project-Id': projectId, 'X-Api-Key': process.env.BENCH_KEY, 'Content-Type': 'application/json', 'Content-Length': body.length } }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error('status ' + res.statusCode))));
    });
    req.on('error', reject);
    req.end(body);
  });
}
agent.destroy();
`,
);
/** CPU milliseconds (user + system) a measured command reported on stderr. */
const cpuOf = (stderr: string): number => Number(/cpu-ms ([\d.]+)/.exec(stderr)?.[1] ?? NaN);

type Ready = Pick<SandboxProcess, 'url' | 'projectId' | 'keys'>;

function run(
  command: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; ms: number; stdout: string; stderr: string }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.once('close', (code) => resolve({ code, ms: performance.now() - started, stdout, stderr }));
  });
}

/** A batch file of `count` events in one collection, written in pieces (a 1,000,000-event string is not built). */
function writeBatch(path: string, prefix: string, count: number): void {
  const fd = openSync(path, 'w');
  writeSync(fd, '{"pageviews":[');
  for (let from = 0; from < count; from += 10_000) {
    const piece: string[] = [];
    for (let i = from; i < Math.min(count, from + 10_000); i++) piece.push(JSON.stringify(pageviewEvent(prefix, i)));
    writeSync(fd, (from === 0 ? '' : ',') + piece.join(','));
  }
  writeSync(fd, ']}');
  closeSync(fd);
}

/** curl's arguments for the same requests: one precomputed body file per request, kept alive with --next. */
function curlArgs(ready: Ready, prefix: string, count: number, round: number): string[] {
  const args: string[] = [];
  for (let c = 0; c < count / CHUNK; c++) {
    const chunkFile = join(dir, `curl-${round}-${c}.json`);
    writeFileSync(
      chunkFile,
      JSON.stringify({ pageviews: Array.from({ length: CHUNK }, (_, i) => pageviewEvent(prefix, c * CHUNK + i)) }),
    );
    if (c > 0) args.push('--next');
    args.push(
      '-sS',
      '-o',
      '/dev/null',
      '-w',
      '%{http_code}\\n',
      '-X',
      'POST',
      '-H',
      `X-Project-Id: ${ready.projectId}`,
      '-H',
      `X-Api-Key: ${ready.keys.push}`,
      '-H',
      'Content-Type: application/json',
      '--data-binary',
      `@${chunkFile}`,
      `${ready.url}/events`,
    );
  }
  return args;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

const { child, ...ready } = await startSandboxProcess();
const reset = async (): Promise<void> => {
  for (let attempt = 1; ; attempt++) {
    try {
      // A kept-alive connection the sandbox closed meanwhile fails at once: ask again on a new one.
      const answer = await fetch(`${ready.url}/sandbox/reset`, {
        method: 'POST',
        headers: { 'X-Project-Id': ready.projectId, 'X-Api-Key': ready.keys.master, Connection: 'close' },
      });
      if (answer.status !== 200) throw new Error(`reset answered ${answer.status}`);
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
};
const sendArgs = (file: string) => [
  'bin/batch-studio.mjs',
  'send',
  file,
  '--url',
  ready.url,
  '--project-id',
  ready.projectId,
  '--api-key-env',
  'BENCH_KEY',
  '--no-record',
];

async function compare(
  count: number,
  rounds: number,
): Promise<{ cli: number; curl: number; cliCpu: number; curlCpu: number; nodeHttp: number; nodeStart: number }> {
  const cliTimes: number[] = [];
  const curlTimes: number[] = [];
  const nodeHttpTimes: number[] = [];
  const nodeStartTimes: number[] = [];
  const cliCpu: number[] = [];
  const curlCpu: number[] = [];
  for (let round = 1; round <= rounds; round++) {
    // The CLI: the whole command, as a person runs it (start-up, read, check, send, report).
    const file = join(dir, `cli-${count}-${round}.json`);
    writeBatch(file, `cli${count}-${round}`, count);
    await reset();
    const cli = await run(process.execPath, ['--import', rssProbe, ...sendArgs(file)], { BENCH_KEY: ready.keys.push });
    if (cli.code !== 0) throw new Error(`send exited with ${cli.code}:\n${cli.stdout}\n${cli.stderr}`);
    cliTimes.push(cli.ms);
    cliCpu.push(cpuOf(cli.stderr));
    rmSync(file);

    const args = curlArgs(ready, `curl${count}-${round}`, count, round);
    await reset();
    // /usr/bin/time adds a few ms of its own; its CPU line says what curl itself used.
    const curl = await run('/usr/bin/time', ['-f', 'cpu-s %U %S', 'curl', ...args]);
    if (
      curl.code !== 0 ||
      curl.stdout
        .trim()
        .split('\n')
        .some((s) => s !== '200')
    )
      throw new Error(`curl failed: ${curl.stdout} ${curl.stderr}`);
    curlTimes.push(curl.ms);
    const [user = NaN, system = NaN] = (/cpu-s ([\d.]+) ([\d.]+)/.exec(curl.stderr) ?? []).slice(1).map(Number);
    curlCpu.push((user + system) * 1000);

    await reset();
    const bodies = args.filter((arg) => arg.startsWith('@')).map((arg) => arg.slice(1));
    const nodeHttp = await run(process.execPath, [nodeFloor, `${ready.url}/events`, ready.projectId, ...bodies], {
      BENCH_KEY: ready.keys.push,
    });
    if (nodeHttp.code !== 0) throw new Error(`the node:http floor failed: ${nodeHttp.stderr}`);
    nodeHttpTimes.push(nodeHttp.ms);
    nodeStartTimes.push((await run(process.execPath, ['-e', '0'])).ms);
    console.log(
      `  ${count.toLocaleString('en-US')} events, round ${round}: batch-studio send ${cli.ms.toFixed(0)} ms (CPU ${cliCpu.at(-1)?.toFixed(0)} ms), curl ${curl.ms.toFixed(0)} ms (CPU ${curlCpu.at(-1)?.toFixed(0)} ms), node:http ${nodeHttp.ms.toFixed(0)} ms, node -e 0 ${nodeStartTimes.at(-1)?.toFixed(0)} ms`,
    );
  }
  return {
    cli: median(cliTimes),
    curl: median(curlTimes),
    cliCpu: median(cliCpu),
    curlCpu: median(curlCpu),
    nodeHttp: median(nodeHttpTimes),
    nodeStart: median(nodeStartTimes),
  };
}

try {
  const small = await compare(50_000, 5);
  const large = await compare(500_000, 3);

  const million = join(dir, 'million.json');
  writeBatch(million, 'm', 1_000_000);
  const fileBytes = statSync(million).size;
  await reset();
  const measured = await run(process.execPath, ['--import', rssProbe, ...sendArgs(million)], {
    BENCH_KEY: ready.keys.push,
  });
  if (measured.code !== 0) throw new Error(`send of 1,000,000 exited with ${measured.code}:\n${measured.stderr}`);
  const peakKiB = Number(/peak-rss-kib (\d+)/.exec(measured.stderr)?.[1] ?? NaN);
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

  // Times are wall-clock on a shared machine: the load average says how much they can be trusted.
  console.log(
    `\nbatch-studio send vs curl with precomputed bodies (one run, medians; load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}):`,
  );
  console.log(
    `  50,000 events (10 requests):   send ${small.cli.toFixed(0)} ms, curl ${small.curl.toFixed(0)} ms, ratio ${(small.cli / small.curl).toFixed(2)}× (target ≤ 1.6×); client CPU ${small.cliCpu.toFixed(0)} vs ${small.curlCpu.toFixed(0)} ms`,
  );
  console.log(
    `  500,000 events (100 requests): send ${large.cli.toFixed(0)} ms, curl ${large.curl.toFixed(0)} ms, ratio ${(large.cli / large.curl).toFixed(2)}× (target ≤ 1.25×); client CPU ${large.cliCpu.toFixed(0)} vs ${large.curlCpu.toFixed(0)} ms`,
  );
  for (const [label, r] of [
    ['50,000', small],
    ['500,000', large],
  ] as const)
    console.log(
      `  floor at ${label} events: node -e 0 ${r.nodeStart.toFixed(0)} ms; Node sending curl's bodies with node:http ${r.nodeHttp.toFixed(0)} ms = ${(r.nodeHttp / r.curl).toFixed(2)}× curl (no file read, no check)`,
    );
  console.log(
    `  1,000,000 events: file ${mb(fileBytes)}, peak RSS ${mb(peakKiB * 1024)} = ${((peakKiB * 1024) / fileBytes).toFixed(2)}× the file (target ≤ 2×), ${measured.ms.toFixed(0)} ms`,
  );
} finally {
  child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
