import type { CanaryRolloutEvent } from '@vane/plugin-canary-common';

/**
 * The last Events this replica's engine recorded on each Canary of one cluster, for the portal.
 *
 * Kept in memory rather than watched from the cluster: the engine's RBAC only creates Events,
 * and a cluster-wide Event watch would cache every Event of every workload. The price: a replica
 * that does not hold the cluster's Lease, or that just restarted, shows no events (or fewer)
 * until its engine records some; `kubectl describe canary` shows the full list.
 */
export class RecentCanaryEvents {
  private readonly byCanary = new Map<string, CanaryRolloutEvent[]>();
  private readonly listeners = new Set<
    (namespace: string, name: string) => void
  >();

  constructor(private readonly perCanary = 20) {}

  /** Takes a core/v1 Event as the engine wrote it; ignores Events about anything but a Canary. */
  record(event: any): void {
    const involved = event?.involvedObject;
    if (involved?.kind !== 'Canary' || !involved.name || !involved.namespace) {
      return;
    }
    const key = `${involved.namespace}/${involved.name}`;
    const events = this.byCanary.get(key) ?? [];
    events.unshift({
      type: event.type === 'Warning' ? 'Warning' : 'Normal',
      reason: String(event.reason ?? ''),
      message: String(event.message ?? ''),
      time: String(event.lastTimestamp ?? event.firstTimestamp ?? ''),
      count: Number(event.count ?? 1),
    });
    events.length = Math.min(events.length, this.perCanary);
    this.byCanary.set(key, events);
    for (const listener of this.listeners) {
      listener(involved.namespace, involved.name);
    }
  }

  /** Newest first. */
  forCanary(namespace: string, name: string): CanaryRolloutEvent[] {
    return [...(this.byCanary.get(`${namespace}/${name}`) ?? [])];
  }

  onRecord(listener: (namespace: string, name: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
