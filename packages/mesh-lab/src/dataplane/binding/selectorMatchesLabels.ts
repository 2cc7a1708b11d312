/**
 * Whether an Istio Gateway's `selector` picks a gateway workload with these pod labels: every
 * selector label must be on the pod. Istio's Gateway reference: "One or more labels that
 * indicate a specific set of pods/VMs on which this gateway configuration should be applied. By
 * default workloads are searched across all namespaces based on label selectors." An empty
 * selector is a subset of any labels (Istio's labels.Instance.SubsetOf), so it picks every
 * gateway workload.
 */
export function selectorMatchesLabels(
  selector: Record<string, string> | undefined,
  labels: Record<string, string>,
): boolean {
  return Object.entries(selector ?? {}).every(([k, v]) => labels[k] === v);
}
