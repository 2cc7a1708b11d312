import http from 'node:http';
import { AddressInfo } from 'node:net';
import { serviceAccountConnection } from './ClusterConnection';
import { ClusterWriter } from './ClusterWriter';
import { KubernetesHttpClient } from './KubernetesHttpClient';

const ref = {
  apiVersion: 'networking.istio.io/v1beta1',
  kind: 'VirtualService',
  namespace: 'test',
  name: 'podinfo',
};

/** An API server that records each request and answers it only when `hold` is false. */
async function apiServer(hold: boolean) {
  const received: Array<{ method: string; url: string; closedEarly?: boolean }> = [];
  const server = http.createServer((req, res) => {
    const request = { method: req.method!, url: req.url! };
    received.push(request);
    req.resume();
    if (hold) {
      // As an API server waiting on etcd: no answer; the client's closing is what it sees.
      res.on('close', () => Object.assign(request, { closedEarly: true }));
      return;
    }
    res.end('{}');
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new KubernetesHttpClient(
    serviceAccountConnection({ url, token: 't' }),
  );
  return {
    received,
    client,
    close: () => {
      server.closeAllConnections();
      return new Promise(resolve => server.close(resolve));
    },
  };
}

describe("ClusterWriter under the engine's Lease", () => {
  it('sends nothing when the replica holds no Lease, naming the write', async () => {
    const api = await apiServer(false);
    try {
      const writer = new ClusterWriter(api.client, () => {}, () => 0);
      await expect(writer.patch(ref, { spec: {} })).rejects.toThrow(
        "PATCH /apis/networking.istio.io/v1beta1/namespaces/test/virtualservices/podinfo not sent: this replica does not hold the cluster's Lease",
      );
      expect(api.received).toEqual([]);
    } finally {
      await api.close();
    }
  });

  it('gives up on a write still unanswered when the time left on the Lease is over, closing its connection', async () => {
    const api = await apiServer(true);
    try {
      const writer = new ClusterWriter(api.client, () => {}, () => 300);
      const started = Date.now();
      await expect(writer.patchStatus(ref, { phase: 'x' })).rejects.toThrow(
        /gave no answer within 300 ms/,
      );
      expect(Date.now() - started).toBeLessThan(2000);
      // The server sees the connection close once the client gave up.
      const deadline = Date.now() + 5000;
      while (!api.received[0]?.closedEarly && Date.now() < deadline) {
        await new Promise(resolve => setTimeout(resolve, 10));
      }
      expect(api.received).toEqual([
        {
          method: 'PATCH',
          url: '/apis/networking.istio.io/v1beta1/namespaces/test/virtualservices/podinfo/status',
          closedEarly: true,
        },
      ]);
    } finally {
      await api.close();
    }
  });

  it('writes for the portal (no Lease) as before', async () => {
    const api = await apiServer(false);
    try {
      await new ClusterWriter(api.client).patch(ref, { spec: {} });
      expect(api.received.map(r => r.method)).toEqual(['PATCH']);
    } finally {
      await api.close();
    }
  });
});
