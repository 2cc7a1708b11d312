import { canonicalHost, serviceOfHost } from './canonicalHost';
import { RouteTable } from './RouteTable';

/** The parts of a split.smi-spec.io TrafficSplit the data plane reads. */
export interface TrafficSplitLike {
  metadata?: { name?: string; namespace?: string };
  spec?: { service?: string; backends?: Array<{ service?: string; weight?: number | string }> };
}

/** The Service a TrafficSplit splits (its apex), as a canonical host. */
export function trafficSplitApex(split: TrafficSplitLike): string | undefined {
  const namespace = split.metadata?.namespace ?? 'default';
  return split.spec?.service ? canonicalHost(split.spec.service, namespace) : undefined;
}

/** Compiles a TrafficSplit into a single rule with its weighted backends. */
export function parseTrafficSplit(split: TrafficSplitLike): RouteTable {
  const namespace = split.metadata?.namespace ?? 'default';
  const backends = (split.spec?.backends ?? []).flatMap(b => {
    const svc = b.service ? serviceOfHost(canonicalHost(b.service, namespace)) : undefined;
    return svc ? [{ ...svc, weight: parseWeight(b.weight) }] : [];
  });
  return {
    source: { kind: 'TrafficSplit', namespace, name: split.metadata?.name ?? '' },
    rules: [{ matches: [], backends }],
  };
}

/** v1alpha2+ weights are integers; v1alpha1 used quantities such as "500m". */
function parseWeight(weight: number | string | undefined): number {
  if (typeof weight === 'number') return weight;
  if (typeof weight !== 'string') return 0;
  const m = /^(\d+(?:\.\d+)?)(m?)$/.exec(weight.trim());
  if (!m) return 0;
  return m[2] === 'm' ? Number(m[1]) / 1000 : Number(m[1]);
}
