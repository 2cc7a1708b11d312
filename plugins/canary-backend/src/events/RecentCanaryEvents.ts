import { CANARY_API, CanaryRolloutEvent } from '@vane/plugin-canary-common';

interface HeldEvent {
  name: string;
  event: CanaryRolloutEvent;
}

/**
 * The newest Events on each Canary of one cluster, for the portal, as the cluster holds them: the
 * cluster cache watches Events about Canaries (a field selector keeps every other Event out), so
 * every replica, and one that just restarted, shows the same events, whoever wrote them (this
 * engine, another replica, an operator action, `kubectl`). The engine's own writes are recorded
 * at once as well, so the portal need not wait for the watch; an Event is known by its name, so
 * seeing it twice (or updated, with a higher count) keeps one entry. Events the API server
 * expires (its `--event-ttl`, an hour by default) are forgotten, as `kubectl describe` forgets them.
 */
export class RecentCanaryEvents {
  private readonly byCanary = new Map<string, HeldEvent[]>();
  private readonly listeners = new Set<
    (namespace: string, name: string) => void
  >();

  constructor(private readonly perCanary = 20) {}

  /** Takes a core/v1 Event; ignores Events about anything but a Canary. */
  record(event: any): void {
    const canary = involvedCanary(event);
    if (!canary) {
      return;
    }
    const name = eventName(event);
    const held = (this.byCanary.get(canary.key) ?? []).filter(
      h => h.name !== name,
    );
    held.push({
      name,
      event: {
        type: event.type === 'Warning' ? 'Warning' : 'Normal',
        reason: String(event.reason ?? ''),
        message: String(event.message ?? ''),
        time: String(
          event.lastTimestamp ?? event.eventTime ?? event.firstTimestamp ?? '',
        ),
        count: Number(event.count ?? 1),
      },
    });
    // Newest first. Event times have second precision; within one second the name decides, since
    // recorders (client-go's and this engine's) name Events `<object>.<hex of Unix nanoseconds>`.
    held.sort(
      (a, b) =>
        b.event.time.localeCompare(a.event.time) ||
        b.name.localeCompare(a.name),
    );
    held.length = Math.min(held.length, this.perCanary);
    this.byCanary.set(canary.key, held);
    this.tell(canary.namespace, canary.name);
  }

  /** Drops an Event the cluster no longer holds. */
  forget(event: any): void {
    const canary = involvedCanary(event);
    const held = canary && this.byCanary.get(canary.key);
    if (!canary || !held) {
      return;
    }
    const name = eventName(event);
    const kept = held.filter(h => h.name !== name);
    if (kept.length === held.length) {
      return;
    }
    if (kept.length) {
      this.byCanary.set(canary.key, kept);
    } else {
      this.byCanary.delete(canary.key);
    }
    this.tell(canary.namespace, canary.name);
  }

  /**
   * Newest first. A Vane Canary's by default; `group` `flagger.app` for a Flagger Canary's (both
   * kinds are `Canary`, and may share a namespace and name while a team migrates).
   */
  forCanary(
    namespace: string,
    name: string,
    group: string = CANARY_API.group,
  ): CanaryRolloutEvent[] {
    return (this.byCanary.get(canaryKey(group, namespace, name)) ?? []).map(
      h => h.event,
    );
  }

  onRecord(listener: (namespace: string, name: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private tell(namespace: string, name: string) {
    for (const listener of this.listeners) {
      listener(namespace, name);
    }
  }
}

function involvedCanary(event: any) {
  const involved = event?.involvedObject;
  if (involved?.kind !== 'Canary' || !involved.name || !involved.namespace) {
    return undefined;
  }
  const apiVersion = String(involved.apiVersion ?? '');
  const group = apiVersion.includes('/')
    ? apiVersion.split('/')[0]
    : CANARY_API.group;
  return {
    namespace: String(involved.namespace),
    name: String(involved.name),
    key: canaryKey(group, involved.namespace, involved.name),
  };
}

function canaryKey(group: string, namespace: string, name: string) {
  return `${group}/${namespace}/${name}`;
}

/** An Event's identity: its name (an unnamed one, which the API server never serves, by content). */
function eventName(event: any): string {
  return String(
    event?.metadata?.name ??
      `${event?.lastTimestamp}/${event?.reason}/${event?.message}`,
  );
}
