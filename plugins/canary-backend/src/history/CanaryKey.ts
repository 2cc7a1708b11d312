/** Identifies one Canary across the configured clusters. */
export interface CanaryKey {
  cluster: string;
  namespace: string;
  name: string;
}
