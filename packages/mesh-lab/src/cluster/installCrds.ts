import { ApiextensionsV1Api, KubeConfig, KubernetesObject } from '@kubernetes/client-node';
import fs from 'node:fs';
import path from 'node:path';
import { waitFor } from '../controlplane/waitFor';
import { applyObjects, parseManifests } from './applyObjects';
import { labCrds } from './labCrds';

/**
 * Installs the lab's CRDs plus every CRD manifest found in `extraDirs` (Vane's own, from
 * plugins/canary-backend/crds), and waits until the API server serves all of them.
 */
export async function installCrds(kc: KubeConfig, extraDirs: string[]): Promise<string[]> {
  const crds: KubernetesObject[] = labCrds();
  for (const dir of extraDirs) {
    if (!fs.existsSync(dir)) continue;
    for (const file of fs.readdirSync(dir).filter(f => /\.ya?ml$/.test(f)).sort()) {
      crds.push(
        ...parseManifests(fs.readFileSync(path.join(dir, file), 'utf8')).filter(
          o => o.kind === 'CustomResourceDefinition',
        ),
      );
    }
  }
  await applyObjects(kc, crds);
  const api = kc.makeApiClient(ApiextensionsV1Api);
  const names = crds.map(c => c.metadata!.name!);
  let pending = names;
  await waitFor(
    'the lab CRDs to be Established',
    async () => {
      const list = await api.listCustomResourceDefinition();
      const established = new Set(
        list.items
          .filter(c =>
            c.status?.conditions?.some(k => k.type === 'Established' && k.status === 'True'),
          )
          .map(c => c.metadata!.name!),
      );
      pending = names.filter(n => !established.has(n));
      return pending.length === 0;
    },
    { timeoutMs: 60_000, observe: () => `not yet established: ${pending.join(', ')}` },
  );
  return names;
}
