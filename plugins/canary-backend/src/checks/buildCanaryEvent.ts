import { createHash } from 'node:crypto';
import type { Canary } from '@vane/plugin-canary-common';

/** A core/v1 Event about a Canary, ready for the cluster writer's `create`. */
export interface CanaryEvent {
  apiVersion: 'v1';
  kind: 'Event';
  metadata: { name: string; namespace: string };
  involvedObject: {
    apiVersion: string;
    kind: string;
    name: string;
    namespace: string;
    uid?: string;
    resourceVersion?: string;
  };
  reason: string;
  message: string;
  type: 'Normal' | 'Warning';
  source: { component: string };
  reportingComponent: string;
  firstTimestamp: string;
  lastTimestamp: string;
  count: number;
  [field: string]: unknown;
}

const MAX_NAME_LENGTH = 253;

/**
 * The Event `kubectl describe canary` shows for one engine event, in the shape client-go's
 * recorder gives Flagger's: reason `Synced` for Normal and Warning alike (Flagger records every
 * event so), source `vane-canary`, count 1.
 *
 * Pure, so the name cannot come from a clock or a random source: like client-go it is
 * `<canary>.<hex of Unix nanoseconds>`, with the sub-millisecond digits taken from a hash of the
 * event, so two different events in one millisecond get different names, and the same event
 * twice gets the same name (its second create finds it exists, which is harmless).
 */
export function buildCanaryEvent(options: {
  canary: Canary;
  severity: 'Normal' | 'Warning';
  message: string;
  now: Date;
  component?: string;
}): CanaryEvent {
  const { canary, severity, message, now, component = 'vane-canary' } = options;
  const { name, namespace, uid, resourceVersion } = canary.metadata;

  const digest = createHash('sha256')
    .update(`${severity}\n${message}`)
    .digest();
  const subMillisecond = BigInt(digest.readUInt32BE(0) % 1_000_000);
  const nanos = BigInt(now.getTime()) * 1_000_000n + subMillisecond;
  const suffix = `.${nanos.toString(16)}`;
  // Event names are DNS subdomains; a Canary name near the limit must leave room for the suffix.
  const eventName =
    name.slice(0, MAX_NAME_LENGTH - suffix.length).replace(/[.-]+$/, '') +
    suffix;
  // metav1.Time is serialised with second precision.
  const timestamp = now.toISOString().replace(/\.\d+Z$/, 'Z');

  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: eventName, namespace },
    involvedObject: {
      apiVersion: canary.apiVersion,
      kind: canary.kind,
      name,
      namespace,
      ...(uid ? { uid } : {}),
      ...(resourceVersion ? { resourceVersion } : {}),
    },
    reason: 'Synced',
    message,
    type: severity,
    source: { component },
    reportingComponent: component,
    firstTimestamp: timestamp,
    lastTimestamp: timestamp,
    count: 1,
  };
}
