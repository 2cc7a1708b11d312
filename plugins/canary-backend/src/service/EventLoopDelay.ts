import { type ELDHistogram, monitorEventLoopDelay } from 'node:perf_hooks';

/** Event loop delay percentiles over a span of time, in milliseconds. */
export interface EventLoopDelaySummary {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** When the span began (ISO 8601). */
  since: string;
}

const WINDOW_MS = 60_000;

/**
 * The backend's event loop delay, as GET /api/canary/health reports it: how long timers and I/O
 * callbacks waited for the loop, over the last complete minute and since the plugin started.
 * The engine's ticks, the streams and every API request share this one loop, so a delay that
 * grows tells an operator the backend is overloaded before rollouts fall behind their intervals.
 */
export class EventLoopDelay {
  private readonly total: ELDHistogram;
  private readonly minute: ELDHistogram;
  private readonly started = new Date().toISOString();
  private minuteStarted = this.started;
  private lastMinute?: EventLoopDelaySummary;
  private readonly timer: NodeJS.Timeout;

  constructor() {
    // 10 ms resolution: the histogram's own timer costs nothing an operator would notice.
    this.total = monitorEventLoopDelay({ resolution: 10 });
    this.minute = monitorEventLoopDelay({ resolution: 10 });
    this.total.enable();
    this.minute.enable();
    this.timer = setInterval(() => {
      this.lastMinute = summarize(this.minute, this.minuteStarted);
      this.minute.reset();
      this.minuteStarted = new Date().toISOString();
    }, WINDOW_MS);
    // It must not keep a backend alive that is shutting down.
    this.timer.unref();
  }

  /** The last complete minute (the current one until a minute has passed) and since the start. */
  read(): {
    lastMinute: EventLoopDelaySummary;
    sinceStart: EventLoopDelaySummary;
  } {
    return {
      lastMinute: this.lastMinute ?? summarize(this.minute, this.minuteStarted),
      sinceStart: summarize(this.total, this.started),
    };
  }

  stop() {
    clearInterval(this.timer);
    this.total.disable();
    this.minute.disable();
  }
}

function summarize(
  histogram: ELDHistogram,
  since: string,
): EventLoopDelaySummary {
  // Nanoseconds; an histogram with no sample yet reads 0 rather than its huge initial min.
  const ms = (ns: number) =>
    histogram.count === 0 ? 0 : Math.round(ns / 1e4) / 100;
  return {
    p50Ms: ms(histogram.percentile(50)),
    p99Ms: ms(histogram.percentile(99)),
    maxMs: ms(histogram.max),
    since,
  };
}
