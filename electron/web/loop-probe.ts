// A measuring aid for benchmarks, off unless BATCH_STUDIO_LOOP_PROBE=1: the host's longest event-loop
// task, from perf_hooks' loop-delay histogram and a timer that notes how late it fires. Each task over 50 ms
// is one stderr line (`loop-probe gap-ms=… ran-ms=… waited-ms=… ended-at=<epoch ms>`); on SIGUSR2 it writes
// a summary (`loop-probe longest-gap-ms=… delay-max-ms=… p99-ms=…`) and starts afresh. Where Linux says
// it (/proc/thread-self/schedstat), a gap is split into the main thread's own run time and its time waiting
// for a core: the rest of the gap it slept (a lock, the disk).
import { closeSync, openSync, readSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const TICK_MS = 5;
/** The target for the host's longest task: longer ones are written out one by one. */
const REPORT_OVER_MS = 50;
const SCHEDSTAT = '/proc/thread-self/schedstat';

/** The main thread's run time and run-queue wait so far (ms), or undefined where the system does not say. */
function schedClock(): (() => { ran: number; waited: number }) | undefined {
  let fd: number;
  try {
    fd = openSync(SCHEDSTAT, 'r');
  } catch {
    return undefined;
  }
  const buffer = Buffer.alloc(128);
  const read = () => {
    const n = readSync(fd, buffer, 0, buffer.length, 0);
    const [ran = 0, waited = 0] = buffer.toString('latin1', 0, n).split(' ').map(Number);
    return { ran: ran / 1e6, waited: waited / 1e6 };
  };
  try {
    read();
  } catch {
    closeSync(fd);
    return undefined;
  }
  return read;
}

export function startLoopProbe(write: (line: string) => void): void {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  const sched = schedClock();
  let last = performance.now();
  let lastSched = sched?.();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    const gap = now - last - TICK_MS;
    const at = sched?.();
    longest = Math.max(longest, gap);
    if (gap > REPORT_OVER_MS) {
      const split =
        at && lastSched
          ? ` ran-ms=${(at.ran - lastSched.ran).toFixed(1)} waited-ms=${(at.waited - lastSched.waited).toFixed(1)}`
          : '';
      write(`loop-probe gap-ms=${gap.toFixed(1)}${split} ended-at=${Date.now()}\n`);
    }
    last = now;
    lastSched = at;
  }, TICK_MS);
  timer.unref();
  process.on('SIGUSR2', () => {
    const ms = (ns: number) => (ns / 1e6).toFixed(1);
    write(
      `loop-probe longest-gap-ms=${longest.toFixed(1)} delay-max-ms=${ms(histogram.max)} p99-ms=${ms(histogram.percentile(99))}\n`,
    );
    histogram.reset();
    longest = 0;
    last = performance.now();
    lastSched = sched?.();
  });
}
