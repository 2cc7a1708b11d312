import type { Lab } from '@vane/mesh-lab';
import fs from 'node:fs';
import path from 'node:path';

/** One request of the API server's audit log, as the lab's policy records it. */
interface AuditEvent {
  stage: string;
  verb: string;
  userAgent?: string;
  objectRef?: {
    resource?: string;
    subresource?: string;
    namespace?: string;
    name?: string;
  };
  responseStatus?: { code?: number };
  requestReceivedTimestamp: string;
  stageTimestamp: string;
  requestObject?: {
    spec?: { renewTime?: string; leaseDurationSeconds?: number };
  };
}

/** A write of an engine replica, with the claim it was made under. */
export interface EngineWrite {
  /** The replica's identity (its User-Agent is `vane-canary/<identity>`). */
  replica: string;
  what: string;
  receivedAt: number;
  completedAt: number;
  code: number;
}

const WRITE_VERBS = new Set(['create', 'update', 'patch', 'delete']);

/**
 * Reads the lab's audit log for the engine replicas' writes and their Lease renewals, and
 * returns every write made outside the writer's Lease, as a sentence: received by the API server
 * when the replica's last successful renewal (its `renewTime` plus `leaseDurationSeconds`, as
 * other replicas judge it) had expired or before it ever held the Lease, or completed (2xx)
 * after that. Empty when every write happened under a Lease its writer held: so no two replicas
 * ever wrote at the same time, since another takes the Lease only once it expired.
 */
export function writesOutsideLease(
  lab: Lab,
  options: { leaseName: string; since?: number },
): { violations: string[]; writes: EngineWrite[] } {
  const events: AuditEvent[] = fs
    .readFileSync(path.join(lab.dataDir, 'audit.log'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map(line => JSON.parse(line))
    .filter(
      (event: AuditEvent) =>
        event.stage === 'ResponseComplete' &&
        String(event.userAgent).startsWith('vane-canary/'),
    );
  const replicaOf = (event: AuditEvent) =>
    String(event.userAgent).slice('vane-canary/'.length);
  const isLease = (event: AuditEvent) =>
    event.objectRef?.resource === 'leases' &&
    event.objectRef.name === options.leaseName;

  const renewals = new Map<
    string,
    Array<{ landedAt: number; validUntil: number }>
  >();
  for (const event of events) {
    const spec = event.requestObject?.spec;
    const code = event.responseStatus?.code ?? 0;
    if (
      !isLease(event) ||
      !['create', 'update'].includes(event.verb) ||
      code < 200 ||
      code > 299 ||
      !spec?.renewTime
    ) {
      continue;
    }
    const list = renewals.get(replicaOf(event)) ?? [];
    list.push({
      landedAt: Date.parse(event.stageTimestamp),
      validUntil:
        Date.parse(spec.renewTime) + (spec.leaseDurationSeconds ?? 0) * 1000,
    });
    renewals.set(replicaOf(event), list);
  }

  const writes: EngineWrite[] = events
    .filter(
      event =>
        WRITE_VERBS.has(event.verb) &&
        event.objectRef?.resource !== 'leases' &&
        Date.parse(event.requestReceivedTimestamp) >= (options.since ?? 0),
    )
    .map(event => ({
      replica: replicaOf(event),
      what: `${event.verb} ${event.objectRef?.resource}${
        event.objectRef?.subresource ? `/${event.objectRef.subresource}` : ''
      } ${event.objectRef?.namespace}/${event.objectRef?.name ?? ''}`,
      receivedAt: Date.parse(event.requestReceivedTimestamp),
      completedAt: Date.parse(event.stageTimestamp),
      code: event.responseStatus?.code ?? 0,
    }));

  const at = (ms: number) => new Date(ms).toISOString();
  const violations: string[] = [];
  for (const write of writes) {
    // The claim the write was made under: the replica's last renewal that had landed by then.
    const claim = (renewals.get(write.replica) ?? [])
      .filter(renewal => renewal.landedAt <= write.receivedAt)
      .pop();
    const landed = write.code >= 200 && write.code < 300;
    if (!claim) {
      violations.push(
        `${write.replica}: ${write.what} received at ${at(
          write.receivedAt,
        )} before it ever held the Lease`,
      );
    } else if (write.receivedAt >= claim.validUntil) {
      violations.push(
        `${write.replica}: ${write.what} received at ${at(
          write.receivedAt,
        )}, after its Lease expired at ${at(claim.validUntil)}`,
      );
    } else if (landed && write.completedAt > claim.validUntil) {
      violations.push(
        `${write.replica}: ${write.what} landed (${write.code}) at ${at(
          write.completedAt,
        )}, after its Lease expired at ${at(claim.validUntil)}`,
      );
    }
  }
  return { violations, writes };
}
