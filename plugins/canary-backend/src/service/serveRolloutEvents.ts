import type express from 'express';
import { isReadModelObject } from '../readModel/READ_MODEL_RESOURCES';
import type { RolloutCluster } from '../readModel/RolloutCluster';

/**
 * Serves rollouts as Server-Sent Events: a `rollouts` event with `compute()`'s answer at once,
 * then again whenever a cache change alters it. Changes are debounced (a rollout step touches
 * the Canary and both workloads within milliseconds) and an answer equal to the last one sent
 * is not sent again, so only real changes reach the page. The entity and team streams share it.
 *
 * @returns `refresh`, to recompute for a reason other than a cache change (the team stream's
 *   entity list was re-read), and `onClose`, to stop what the caller started with the stream.
 */
export function serveRolloutEvents(options: {
  compute: () => unknown;
  clusters: readonly RolloutCluster[];
  req: express.Request;
  res: express.Response;
  debounceMs?: number;
  heartbeatMs?: number;
}): { refresh: () => void; onClose: (stop: () => void) => void } {
  const { compute, clusters, req, res } = options;
  const debounceMs = options.debounceMs ?? 200;

  res.status(200);
  res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  res.setHeader('Cache-Control', 'no-cache, no-transform');
  res.setHeader('Connection', 'keep-alive');
  // Reverse proxies (nginx) would otherwise hold events back.
  res.setHeader('X-Accel-Buffering', 'no');
  res.flushHeaders();

  // The backend compresses responses; compression's flush() pushes a buffered event out now.
  const write = (text: string) => {
    res.write(text);
    (res as unknown as { flush?: () => void }).flush?.();
  };

  let last = '';
  // How long the last answer took to compute: a busy stream (a team's 1,000 rollouts) waits at
  // least twice that between answers, so it never takes more than a third of a core.
  let computeMs = 0;
  const send = () => {
    const started = performance.now();
    const data = JSON.stringify(compute());
    computeMs = performance.now() - started;
    if (data !== last) {
      last = data;
      write(`event: rollouts\ndata: ${data}\n\n`);
    }
  };

  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    if (!timer) {
      timer = setTimeout(() => {
        timer = undefined;
        send();
      }, Math.max(debounceMs, 2 * computeMs));
    }
  };

  // Any change of a rollout (Vane's, Argo's, Flagger's) or a workload may touch the answer (a
  // new one may also newly link to an entity); recomputing from the caches and comparing is
  // cheaper than reasoning about each change.
  const stops = clusters.flatMap(cluster => [
    cluster.cache.onChange((_verb, object) => {
      if (isReadModelObject(object)) {
        schedule();
      }
    }),
    cluster.events.onRecord(schedule),
  ]);
  const heartbeat = setInterval(
    () => write(': keep-alive\n\n'),
    options.heartbeatMs ?? 15_000,
  );
  stops.push(() => {
    clearTimeout(timer);
    clearInterval(heartbeat);
  });

  req.on('close', () => stops.forEach(stop => stop()));

  send();
  return { refresh: schedule, onClose: stop => stops.push(stop) };
}
