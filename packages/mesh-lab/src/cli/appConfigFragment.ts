import YAML from 'yaml';
import type { LabClusterConfig } from '../lab/Lab';

/** The app-config YAML that points Vane's backend at a lab. */
export function appConfigFragment(cluster: LabClusterConfig): string {
  return YAML.stringify({ canary: { clusters: [cluster] } }, { lineWidth: 0 });
}
