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

// POST /api/canary/entities/:kind/:namespace/:name/canaries
describe('applying a Canary for an entity', () => {
  const reviews = componentEntity('reviews', 'group:default/team-podinfo', {
    'backstage.io/kubernetes-id': 'reviews',
    'backstage.io/kubernetes-namespace': 'test',
  });
  const guest = mockCredentials.user.header('user:default/guest');
  const path = '/api/canary/entities/component/default/reviews/canaries';
  const image = 'ghcr.io/stefanprodan/podinfo:6.0.0';
  const id = { 'backstage.io/kubernetes-id': 'reviews' };
  const manifest = (analysis: Record<string, unknown> = {}) => {
    const { status, ...canary } = canaryObject('test', 'reviews', {}, analysis);
    return canary;
  };
  const lab = () =>
    new InMemoryCluster('lab').apply(
      deploymentObject('test', 'reviews', image, id),
      deploymentObject('shop', 'checkout', image, {
        'backstage.io/kubernetes-id': 'checkout',
      }),
    );
  const canaryIn = (cluster: InMemoryCluster) =>
    cluster.cache.getNow({
      apiVersion: 'delivery.vane.dev/v1alpha1',
      kind: 'Canary',
      namespace: 'test',
      name: 'reviews',
    }) as any;

  it('creates the Canary for an owner, with an Event naming the user', async () => {
    const cluster = lab();
    const backend = await startRolloutApi({
      clusters: [cluster],
      entities: [reviews],
    });
    const res = await request(backend.server)
      .post(path)
      .set('Authorization', guest)
      .send({ cluster: 'lab', canary: manifest() });

    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      cluster: 'lab',
      namespace: 'test',
      name: 'reviews',
      result: 'created',
    });
    expect(canaryIn(cluster).spec.analysis.stepWeight).toBe(20);
    expect(cluster.writesOf('createEvent')[0]?.event).toMatchObject({
      message:
        'Canary created by user:default/guest for component:default/reviews',
    });
    // The self-service apply (the Scaffolder's canary:apply calls this route) is audited too.
    const subject = {
      action: 'apply',
      user: 'user:default/guest',
      entityRef: 'component:default/reviews',
      canary: { cluster: 'lab', namespace: 'test', name: 'reviews' },
    };
    expect(backend.auditEvents()).toEqual([
      {
        plugin: 'canary',
        eventId: 'canary-apply',
        severityLevel: 'medium',
        status: 'initiated',
        actorId: 'user:default/guest',
        meta: subject,
      },
      {
        plugin: 'canary',
        eventId: 'canary-apply',
        severityLevel: 'medium',
        status: 'succeeded',
        actorId: 'user:default/guest',
        meta: { ...subject, result: 'created' },
      },
    ]);
  });

  it('brings an existing Canary to the new spec with one merge patch, and reports unchanged when nothing differs', async () => {
    const cluster = lab();
    cluster.apply({
      ...manifest(),
      metadata: {
        namespace: 'test',
        name: 'reviews',
        annotations: { 'delivery.vane.dev/paused-by': 'user:default/ada' },
      },
    });
    const { server } = await startRolloutApi({
      clusters: [cluster],
      entities: [reviews],
    });
    const same = await request(server)
      .post(path)
      .set('Authorization', guest)
      .send({ cluster: 'lab', canary: manifest() });
    expect(same.status).toBe(200);
    expect(same.body.result).toBe('unchanged');
    expect(cluster.writes).toEqual([]);

    const changed = manifest({ stepWeight: undefined, stepWeights: [10, 50] });
    const res = await request(server)
      .post(path)
      .set('Authorization', guest)
      .send({ cluster: 'lab', canary: changed });
    expect(res.status).toBe(200);
    expect(res.body.result).toBe('updated');
    // The operator's annotation stays; the removed stepWeight is nulled.
    expect(cluster.writesOf('patch')[0].patch).toEqual({
      spec: { analysis: { stepWeight: null, stepWeights: [10, 50] } },
    });
  });

  it('creates the MetricTemplate of a custom metric beside the Canary', async () => {
    const cluster = lab();
    const { server } = await startRolloutApi({
      clusters: [cluster],
      entities: [reviews],
    });
    const res = await request(server)
      .post(path)
      .set('Authorization', guest)
      .send({
        cluster: 'lab',
        canary: manifest(),
        metricTemplate: {
          apiVersion: 'delivery.vane.dev/v1alpha1',
          kind: 'MetricTemplate',
          metadata: { name: 'reviews-errors', namespace: 'test' },
          spec: { query: 'sum(rate(errors_total[1m]))' },
        },
      });
    expect(res.status).toBe(201);
    expect(res.body.metricTemplate).toEqual({
      name: 'reviews-errors',
      result: 'created',
    });
    expect(cluster.writesOf('create').map(w => w.object.kind)).toEqual([
      'MetricTemplate',
      'Canary',
    ]);
  });

  it('refuses a non-owner with 403 and writes nothing', async () => {
    const cluster = lab();
    const backend = await startRolloutApi({
      clusters: [cluster],
      entities: [reviews],
      permission: AuthorizeResult.DENY,
    });
    const res = await request(backend.server)
      .post(path)
      .set('Authorization', guest)
      .send({ cluster: 'lab', canary: manifest() });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(
      'Only owners of component:default/reviews may apply Canaries for it (canary.rollout.update)',
    );
    expect(cluster.writes).toEqual([]);
    expect(backend.auditEvents().at(-1)).toEqual({
      plugin: 'canary',
      eventId: 'canary-apply',
      severityLevel: 'medium',
      status: 'failed',
      actorId: 'user:default/guest',
      meta: {
        action: 'apply',
        user: 'user:default/guest',
        entityRef: 'component:default/reviews',
        canary: { cluster: 'lab', namespace: 'test', name: 'reviews' },
      },
      error:
        'Only owners of component:default/reviews may apply Canaries for it (canary.rollout.update)',
    });
  });

  it.each([
    [
      { cluster: 'lab', canary: manifest({ stepWeight: 0 }) },
      400,
      'The Canary manifest is invalid, nothing was applied: canary.spec.analysis.stepWeight must be between 1 and 100 (got 0)',
    ],
    [
      {
        cluster: 'lab',
        canary: { ...manifest(), metadata: { name: 'Reviews' } },
      },
      400,
      "canary.metadata.name must be a Kubernetes object name (lowercase letters, digits, '-' and '.') (got \"Reviews\"); canary.metadata.namespace is required",
    ],
    [
      {
        cluster: 'lab',
        canary: manifest({ sessionAffinity: {} }),
      },
      400,
      'The Canary manifest is invalid, nothing was applied: canary.spec.analysis.sessionAffinity.cookieName is required',
    ],
    [
      {
        cluster: 'lab',
        canary: {
          ...manifest(),
          spec: {
            ...manifest().spec,
            provider: 'istio',
            service: { port: 9898, gatewayRefs: [{ name: 'public' }] },
          },
        },
      },
      400,
      'The Canary cannot run in cluster lab, nothing was applied: service.gatewayRefs is not supported by provider istio: gatewayRefs attach a Gateway API HTTPRoute to Gateways; list the Istio gateways of the VirtualService in service.gateways, or use provider gatewayapi',
    ],
    [
      {
        cluster: 'lab',
        canary: {
          ...manifest(),
          spec: { ...manifest().spec, provider: 'smi' },
        },
      },
      400,
      'The Canary cannot run in cluster lab, nothing was applied: spec.provider is smi, but cluster lab serves no split.smi-spec.io API',
    ],
    [{ canary: manifest() }, 400, 'cluster is required'],
    [
      { cluster: 'elsewhere', canary: manifest() },
      404,
      'No cluster elsewhere in canary.clusters (known: lab)',
    ],
    [
      {
        cluster: 'lab',
        canary: {
          ...manifest(),
          metadata: { name: 'checkout', namespace: 'shop' },
          spec: {
            ...manifest().spec,
            targetRef: { kind: 'Deployment', name: 'checkout' },
          },
        },
      },
      403,
      "Deployment shop/checkout in cluster lab is not a workload of component:default/reviews; a Canary may only target the entity's own Deployments (test/reviews)",
    ],
  ])('refuses %j with %i and writes nothing', async (body, status, message) => {
    const cluster = lab();
    const backend = await startRolloutApi({
      clusters: [cluster],
      entities: [reviews],
    });
    const res = await request(backend.server)
      .post(path)
      .set('Authorization', guest)
      .send(body);
    expect(res.status).toBe(status);
    expect(res.body.error.message).toContain(message);
    expect(cluster.writes).toEqual([]);
    expect(backend.auditEvents().map(event => event.status)).toEqual([
      'initiated',
      'failed',
    ]);
    expect(backend.auditEvents()[1].error).toBe(res.body.error.message);
  });

  it('answers 409 for a Canary of that name that releases another Deployment', async () => {
    const cluster = lab().apply(
      deploymentObject('test', 'reviews-v2', image, id),
    );
    cluster.apply(manifest());
    const { server } = await startRolloutApi({
      clusters: [cluster],
      entities: [reviews],
    });
    const other = manifest();
    other.spec.targetRef.name = 'reviews-v2';
    const res = await request(server)
      .post(path)
      .set('Authorization', guest)
      .send({ cluster: 'lab', canary: other });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe(
      'Canary test/reviews in cluster lab already targets Deployment reviews; choose another name',
    );
    expect(cluster.writes).toEqual([]);
  });
});
