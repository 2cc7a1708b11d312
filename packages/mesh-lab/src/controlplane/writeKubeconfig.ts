import fs from 'node:fs';
import YAML from 'yaml';

/** Writes a kubeconfig that kubectl and @kubernetes/client-node both accept. */
export function writeKubeconfig(
  file: string,
  cluster: { url: string; caData: string; token: string; name?: string },
): void {
  const name = cluster.name ?? 'mesh-lab';
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name,
        cluster: {
          server: cluster.url,
          'certificate-authority-data': Buffer.from(cluster.caData).toString('base64'),
        },
      },
    ],
    users: [{ name: `${name}-admin`, user: { token: cluster.token } }],
    contexts: [{ name, context: { cluster: name, user: `${name}-admin` } }],
    'current-context': name,
  };
  fs.writeFileSync(file, YAML.stringify(config), { mode: 0o600 });
}
