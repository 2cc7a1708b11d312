import type { Lab } from '@vane/mesh-lab';

const base64 = (text: string) => Buffer.from(text).toString('base64');

/**
 * Changes a custom resource where the API server stores it (etcd, as JSON under
 * `/registry/<group>/<plural>/<namespace>/<name>`), through etcd's v3 JSON gateway: what another
 * API server of an HA control plane would write while the lab's one is stopped. Returns the
 * object as it was. A spec change bumps `metadata.generation`, as the API server would.
 */
export async function editCustomResourceInEtcd(
  lab: Lab,
  ref: { group: string; plural: string; namespace: string; name: string },
  edit: (object: any) => any,
): Promise<any> {
  const key = `/registry/${ref.group}/${ref.plural}/${ref.namespace}/${ref.name}`;
  const range = await fetch(`${lab.etcdUrl}/v3/kv/range`, {
    method: 'POST',
    body: JSON.stringify({ key: base64(key) }),
  });
  const found = (await range.json()) as { kvs?: Array<{ value: string }> };
  if (!range.ok || !found.kvs?.length) {
    throw new Error(
      `etcd at ${lab.etcdUrl} has no ${key} (HTTP ${range.status})`,
    );
  }
  const before = JSON.parse(
    Buffer.from(found.kvs[0].value, 'base64').toString('utf8'),
  );
  const after = edit(structuredClone(before));
  if (JSON.stringify(after.spec) !== JSON.stringify(before.spec)) {
    after.metadata.generation = (before.metadata.generation ?? 0) + 1;
  }
  const put = await fetch(`${lab.etcdUrl}/v3/kv/put`, {
    method: 'POST',
    body: JSON.stringify({
      key: base64(key),
      value: base64(JSON.stringify(after)),
    }),
  });
  if (!put.ok) {
    throw new Error(
      `etcd at ${lab.etcdUrl} refused the write of ${key}: HTTP ${
        put.status
      } ${await put.text()}`,
    );
  }
  return before;
}
