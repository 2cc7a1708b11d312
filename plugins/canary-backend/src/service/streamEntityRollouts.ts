import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { EntityRolloutsResponse } from '@vane/plugin-canary-common';
import type express from 'express';
import type { RolloutCluster } from './RolloutCluster';
import type { RolloutReader } from './RolloutReader';

const WATCHED_KINDS = new Set(['Canary', 'Deployment']);

/**
 * Serves an entity's rollouts as Server-Sent Events: a `rollouts` event with the whole
 * `EntityRolloutsResponse` at once, then again whenever a cache change alters it. Changes are
 * debounced (a rollout step touches the Canary and both Deployments within milliseconds) and an
 * answer equal to the last one sent is not sent again, so only real changes reach the page.
 */
export function streamEntityRollouts(options: {
  entity: Entity;
  reader: RolloutReader;
  clusters: readonly RolloutCluster[];
  req: express.Request;
  res: express.Response;
  debounceMs?: number;
  heartbeatMs?: number;
}) {
  const { entity, reader, clusters, req, res } = options;
  const debounceMs = options.debounceMs ?? 200;
  const entityRef = stringifyEntityRef(entity);

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
  const send = () => {
    const body: EntityRolloutsResponse = {
      entityRef,
      ...reader.entityRollouts(entity),
    };
    const data = JSON.stringify(body);
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
      }, debounceMs);
    }
  };

  // Any Canary or Deployment change may touch the entity (a new Canary may also newly link to
  // it); recomputing from the caches and comparing is cheaper than reasoning about each change.
  const unsubscribe = clusters.flatMap(cluster => [
    cluster.cache.onChange((_verb, object) => {
      if (WATCHED_KINDS.has(object.kind)) {
        schedule();
      }
    }),
    cluster.events.onRecord(schedule),
  ]);
  const heartbeat = setInterval(
    () => write(': keep-alive\n\n'),
    options.heartbeatMs ?? 15_000,
  );

  req.on('close', () => {
    unsubscribe.forEach(stop => stop());
    clearTimeout(timer);
    clearInterval(heartbeat);
  });

  send();
}
