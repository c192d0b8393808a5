// A measuring aid for benchmarks, off unless BATCH_STUDIO_LOOP_PROBE=1: the host's longest event-loop
// task, from perf_hooks' loop-delay histogram and a timer that notes how late it fires. On SIGUSR2 it
// writes one line to stderr (`loop-probe longest-gap-ms=… delay-max-ms=… p99-ms=…`) and starts afresh.
import { monitorEventLoopDelay } from 'node:perf_hooks';

const TICK_MS = 5;

export function startLoopProbe(write: (line: string) => void): void {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last - TICK_MS);
    last = now;
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
