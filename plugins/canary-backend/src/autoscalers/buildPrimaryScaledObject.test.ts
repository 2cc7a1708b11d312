import { primaryAutoscalerUpdate } from './primaryAutoscalerUpdate';
import { buildPrimaryScaledObject } from './buildPrimaryScaledObject';
import { scaledObjectKind } from './scaledObjectKind';

const OWNER = {
  apiVersion: 'delivery.vane.dev/v1alpha1',
  kind: 'Canary',
  name: 'podinfo',
  uid: 'canary-uid',
  controller: true,
  blockOwnerDeletion: true,
};

const REF = {
  apiVersion: 'keda.sh/v1alpha1',
  kind: 'ScaledObject',
  name: 'podinfo-so',
};

/** The ScaledObject of Flagger's KEDA tutorial: podinfo scaled on its request rate in Prometheus. */
function podinfoScaledObject(spec: Record<string, unknown> = {}) {
  return {
    apiVersion: 'keda.sh/v1alpha1',
    kind: 'ScaledObject',
    metadata: {
      name: 'podinfo-so',
      namespace: 'test',
      uid: 'so-uid',
      resourceVersion: '7',
      labels: { app: 'podinfo' },
      annotations: {
        'scaledobject.keda.sh/transfer-hpa-ownership': 'true',
        'autoscaling.keda.sh/paused-replicas': '0',
        'kubectl.kubernetes.io/last-applied-configuration': '{}',
      },
    },
    spec: {
      scaleTargetRef: { name: 'podinfo' },
      pollingInterval: 10,
      cooldownPeriod: 20,
      minReplicaCount: 1,
      maxReplicaCount: 3,
      triggers: [
        {
          type: 'prometheus',
          name: 'requests',
          metadata: {
            serverAddress: 'http://prometheus.istio-system:9090',
            query:
              'sum(rate(http_requests_total{app="podinfo-canary"}[1m])) + sum(rate(http_requests_total{app="podinfo"}[1m]))',
            threshold: '5',
          },
        },
        { type: 'cpu', metricType: 'Utilization', metadata: { value: '90' } },
      ],
      ...spec,
    },
    status: { scaleTargetKind: 'apps/v1.Deployment' },
  };
}

const build = (
  scaledObject: any,
  ref: Record<string, unknown> = REF,
): ReturnType<typeof buildPrimaryScaledObject> =>
  buildPrimaryScaledObject({
    scaledObject,
    apiVersion: 'keda.sh/v1alpha1',
    targetName: 'podinfo',
    primaryName: 'podinfo-primary',
    ref: ref as any,
    owner: OWNER,
  });

describe('buildPrimaryScaledObject', () => {
  it('given the podinfo ScaledObject, builds podinfo-so-primary scaling podinfo-primary, its queries naming the primary, without the pause annotation', () => {
    expect(build(podinfoScaledObject())).toEqual({
      apiVersion: 'keda.sh/v1alpha1',
      kind: 'ScaledObject',
      metadata: {
        name: 'podinfo-so-primary',
        namespace: 'test',
        labels: { app: 'podinfo' },
        annotations: { 'scaledobject.keda.sh/transfer-hpa-ownership': 'true' },
        ownerReferences: [OWNER],
      },
      spec: {
        scaleTargetRef: { name: 'podinfo-primary' },
        pollingInterval: 10,
        cooldownPeriod: 20,
        minReplicaCount: 1,
        maxReplicaCount: 3,
        triggers: [
          {
            type: 'prometheus',
            name: 'requests',
            metadata: {
              serverAddress: 'http://prometheus.istio-system:9090',
              // Both the canary's and the target's names become the primary's, never
              // podinfo-primary-canary.
              query:
                'sum(rate(http_requests_total{app="podinfo-primary"}[1m])) + sum(rate(http_requests_total{app="podinfo-primary"}[1m]))',
              threshold: '5',
            },
          },
          {
            type: 'cpu',
            metricType: 'Utilization',
            metadata: { value: '90' },
          },
        ],
      },
    });
  });

  it('given primaryScalerQueries, sets the query of the trigger it names and leaves the other triggers as they are', () => {
    const built = build(podinfoScaledObject(), {
      ...REF,
      primaryScalerQueries: {
        requests: 'sum(rate(http_requests_total{app="podinfo-primary"}[2m]))',
      },
    });
    expect((built.spec as any).triggers.map((t: any) => t.metadata)).toEqual([
      {
        serverAddress: 'http://prometheus.istio-system:9090',
        query: 'sum(rate(http_requests_total{app="podinfo-primary"}[2m]))',
        threshold: '5',
      },
      { value: '90' },
    ]);
  });

  it('given primaryScalerQueries naming a trigger the ScaledObject has not, refuses to build the copy, naming it', () => {
    expect(() =>
      build(podinfoScaledObject(), {
        ...REF,
        primaryScalerQueries: { request: 'sum(up)' },
      }),
    ).toThrow(
      'spec.autoscalerRef.primaryScalerQueries names "request", which ScaledObject podinfo-so.test has no trigger of (its named triggers: "requests"): name its triggers, or fix primaryScalerQueries',
    );
  });

  it('given primaryScalerReplicas, gives the primary its own minReplicaCount and maxReplicaCount', () => {
    const built = build(podinfoScaledObject(), {
      ...REF,
      primaryScalerReplicas: { minReplicas: 2, maxReplicas: 10 },
    });
    expect(built.spec).toMatchObject({
      minReplicaCount: 2,
      maxReplicaCount: 10,
    });
  });

  it("given KEDA's HPA name set in advanced, suffixes it -primary so the two HPAs do not collide, and leaves the target untouched", () => {
    const scaledObject = podinfoScaledObject({
      advanced: {
        horizontalPodAutoscalerConfig: {
          name: 'podinfo-hpa',
          behavior: { scaleDown: { stabilizationWindowSeconds: 60 } },
        },
      },
    });
    const before = JSON.parse(JSON.stringify(scaledObject));
    expect((build(scaledObject).spec as any).advanced).toEqual({
      horizontalPodAutoscalerConfig: {
        name: 'podinfo-hpa-primary',
        behavior: { scaleDown: { stabilizationWindowSeconds: 60 } },
      },
    });
    expect(scaledObject).toEqual(before);
  });

  it('given the target ScaledObject raised to 5 replicas, the primary copy is patched with maxReplicaCount only', () => {
    const existing = build(podinfoScaledObject());
    expect(
      primaryAutoscalerUpdate(
        existing,
        build(podinfoScaledObject({ maxReplicaCount: 5 })),
      ),
    ).toEqual({ spec: { maxReplicaCount: 5 } });
    expect(
      primaryAutoscalerUpdate(existing, build(podinfoScaledObject())),
    ).toBeUndefined();
  });
});

describe('scaledObjectKind.scaling', () => {
  const withAnnotations = (annotations: Record<string, string>) => ({
    metadata: { name: 'podinfo-so', namespace: 'test', annotations },
  });

  it("pauses the target's ScaledObject at zero replicas before the target goes to zero, as Flagger does, and writes nothing when it is paused already", () => {
    expect(scaledObjectKind.scaling(withAnnotations({}), 'zero')).toEqual({
      metadata: {
        annotations: { 'autoscaling.keda.sh/paused-replicas': '0' },
      },
    });
    expect(
      scaledObjectKind.scaling(
        withAnnotations({ 'autoscaling.keda.sh/paused-replicas': '0' }),
        'zero',
      ),
    ).toBeUndefined();
  });

  it('resumes it (the annotation removed) before the target is scaled up for analysis, and writes nothing when it is not paused', () => {
    expect(
      scaledObjectKind.scaling(
        withAnnotations({ 'autoscaling.keda.sh/paused-replicas': '0' }),
        'up',
      ),
    ).toEqual({
      metadata: {
        annotations: { 'autoscaling.keda.sh/paused-replicas': null },
      },
    });
    expect(scaledObjectKind.scaling(withAnnotations({}), 'up')).toBeUndefined();
  });
});
