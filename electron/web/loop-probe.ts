// A measuring aid for benchmarks, off unless BATCH_STUDIO_LOOP_PROBE=1: the host's longest event-loop
// task, from perf_hooks' loop-delay histogram and a timer that notes how late it fires. Each task over 50 ms
// is one stderr line (`loop-probe gap-ms=… ended-at=<epoch ms>`); on SIGUSR2 it writes a summary
// (`loop-probe longest-gap-ms=… delay-max-ms=… p99-ms=…`) and starts afresh.
import { monitorEventLoopDelay } from 'node:perf_hooks';

const TICK_MS = 5;
/** The target for the host's longest task: longer ones are written out one by one. */
const REPORT_OVER_MS = 50;

export function startLoopProbe(write: (line: string) => void): void {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    const gap = now - last - TICK_MS;
    longest = Math.max(longest, gap);
    last = now;
    if (gap > REPORT_OVER_MS) write(`loop-probe gap-ms=${gap.toFixed(1)} ended-at=${Date.now()}\n`);
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
  });
}
