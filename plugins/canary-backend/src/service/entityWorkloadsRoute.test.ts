import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { InMemoryCluster } from '../testing/InMemoryCluster';
import {
  canaryObject,
  componentEntity,
  deploymentObject,
} from './__testUtils__/rolloutObjects';
import { startRolloutApi } from './__testUtils__/startRolloutApi';

// GET /api/canary/entities/:kind/:namespace/:name/workloads
describe("an entity's Deployments", () => {
  const guest = mockCredentials.user.header('user:default/guest');
  const image = 'ghcr.io/stefanprodan/podinfo:6.0.0';
  const withPort = (deployment: any, containerPort: number) => {
    deployment.spec.template.spec.containers[0].ports = [
      { name: 'http', containerPort },
    ];
    return deployment;
  };

  it('lists the selected Deployments with their ports, Canary and default provider, and leaves out the primaries the engine owns', async () => {
    const id = { 'backstage.io/kubernetes-id': 'podinfo' };
    const primary: any = deploymentObject('test', 'podinfo-primary', image, id);
    primary.metadata.ownerReferences = [
      {
        apiVersion: 'delivery.vane.dev/v1alpha1',
        kind: 'Canary',
        name: 'podinfo',
        uid: 'u1',
        controller: true,
      },
    ];
    const cluster = new InMemoryCluster('lab').apply(
      withPort(deploymentObject('test', 'podinfo', image, id), 9898),
      primary,
      canaryObject('test', 'podinfo'),
      withPort(deploymentObject('other', 'podinfo', image, id), 8080),
      deploymentObject('test', 'checkout', image),
    );
    const down = new InMemoryCluster('dr').unreachable('Cluster dr: down');
    const { server } = await startRolloutApi({
      clusters: [cluster, down],
      entities: [
        componentEntity('podinfo', 'group:default/team-podinfo', {
          ...id,
          'backstage.io/kubernetes-namespace': 'test',
        }),
      ],
    });
    const res = await request(server)
      .get('/api/canary/entities/component/default/podinfo/workloads')
      .set('Authorization', guest);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      entityRef: 'component:default/podinfo',
      items: [
        {
          cluster: 'lab',
          namespace: 'test',
          name: 'podinfo',
          ports: [9898],
          canary: 'test/podinfo',
          defaultProvider: 'istio',
        },
      ],
      errors: [{ cluster: 'dr', message: 'Cluster dr: down' }],
    });
  });

  it('says how to link an entity that names no workloads', async () => {
    const { server } = await startRolloutApi({
      clusters: [new InMemoryCluster('lab')],
      entities: [componentEntity('docs', 'group:default/team-podinfo', {})],
    });
    const res = await request(server)
      .get('/api/canary/entities/component/default/docs/workloads')
      .set('Authorization', guest);
    expect(res.body.items).toEqual([]);
    expect(res.body.errors[0].message).toBe(
      'Entity component:default/docs names no Kubernetes workloads: add the backstage.io/kubernetes-id or backstage.io/kubernetes-label-selector annotation (and backstage.io/kubernetes-namespace) to its catalog entry',
    );
  });

  it('answers 404 for an unknown entity and 403 to a caller who may not read its rollouts', async () => {
    const entity = componentEntity('podinfo', 'group:default/team-podinfo', {
      'backstage.io/kubernetes-id': 'podinfo',
    });
    const denied = await startRolloutApi({
      clusters: [new InMemoryCluster('lab')],
      entities: [entity],
      permission: AuthorizeResult.DENY,
    });
    const forbidden = await request(denied.server)
      .get('/api/canary/entities/component/default/podinfo/workloads')
      .set('Authorization', guest);
    expect(forbidden.status).toBe(403);
    const missing = await request(denied.server)
      .get('/api/canary/entities/component/default/nothing/workloads')
      .set('Authorization', guest);
    expect(missing.status).toBe(404);
  });
});
