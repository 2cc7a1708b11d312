import { mockServices } from '@backstage/backend-test-utils';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { serviceAccountConnection } from '../cluster/ClusterConnection';
import { KubernetesHttpClient } from '../cluster/KubernetesHttpClient';
import { LeaseElection } from './LeaseElection';

/**
 * A stand-in API server holding one Lease (resourceVersion checked on update, as the real one
 * does); with `hang`, it stops answering, as an API server waiting on a stopped etcd does.
 */
async function leaseServer() {
  const state = {
    lease: undefined as any,
    version: 0,
    hang: false,
    /** Date.now() of each renewal it stored, with the renewTime written. */
    renewals: [] as Array<{ at: number; renewTime: string }>,
  };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', chunk => (body += chunk));
    req.on('end', () => {
      if (state.hang) {
        return;
      }
      const answer = (status: number, object: unknown) => {
        res.statusCode = status;
        res.end(JSON.stringify(object));
      };
      if (req.method === 'GET') {
        answer(state.lease ? 200 : 404, state.lease ?? { code: 404 });
        return;
      }
      const sent = JSON.parse(body);
      if (
        req.method === 'PUT' &&
        sent.metadata.resourceVersion !== state.lease?.metadata.resourceVersion
      ) {
        answer(409, { code: 409 });
        return;
      }
      state.version += 1;
      state.lease = {
        ...sent,
        metadata: { ...sent.metadata, resourceVersion: String(state.version) },
      };
      state.renewals.push({ at: Date.now(), renewTime: sent.spec.renewTime });
      answer(req.method === 'POST' ? 201 : 200, state.lease);
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    state,
    url,
    close: () => {
      server.closeAllConnections();
      return new Promise(resolve => server.close(resolve));
    },
  };
}

async function until(description: string, check: () => boolean) {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${description}`);
    await new Promise(resolve => setTimeout(resolve, 20));
  }
}

describe('LeaseElection', () => {
  it('drives once it holds the Lease, and stops driving at its renew deadline while renewals hang, before the Lease expires for others', async () => {
    const api = await leaseServer();
    const changes: Array<{ leading: boolean; at: number }> = [];
    const election = new LeaseElection({
      client: new KubernetesHttpClient(
        serviceAccountConnection({ url: api.url, token: 't' }),
      ),
      namespace: 'vane-system',
      name: 'vane-canary-engine-lab',
      identity: 'replica-a',
      leaseDurationSeconds: 3,
      renewEverySeconds: 1,
      logger: mockServices.logger.mock(),
      onStartedLeading: () => changes.push({ leading: true, at: Date.now() }),
      onStoppedLeading: () => changes.push({ leading: false, at: Date.now() }),
    });
    try {
      election.start();
      await until('the Lease to be taken', () => election.isLeader());
      expect(api.state.lease.spec).toMatchObject({
        holderIdentity: 'replica-a',
        leaseDurationSeconds: 3,
      });
      // Its claim for its own writes: at most two thirds of the Lease.
      expect(election.remainingMs()).toBeGreaterThan(0);
      expect(election.remainingMs()).toBeLessThanOrEqual(2000);
      await until('a renewal', () => api.state.renewals.length >= 2);

      api.state.hang = true;
      await until('it to stop driving', () => changes.length === 2);
      const lastRenewal = api.state.renewals[api.state.renewals.length - 1];
      const expiresForOthers =
        Date.parse(lastRenewal.renewTime) +
        api.state.lease.spec.leaseDurationSeconds * 1000;
      expect(changes.map(c => c.leading)).toEqual([true, false]);
      expect(changes[1].at).toBeLessThan(expiresForOthers);
      expect(election.isLeader()).toBe(false);
      expect(election.remainingMs()).toBe(0);
    } finally {
      await election.stop();
      await api.close();
    }
  });
});
