import { buildPrimaryHorizontalPodAutoscaler } from './buildPrimaryHorizontalPodAutoscaler';
import { primaryAutoscalerUpdate } from './primaryAutoscalerUpdate';

const OWNER = {
  apiVersion: 'delivery.vane.dev/v1alpha1',
  kind: 'Canary',
  name: 'podinfo',
  uid: 'canary-uid',
  controller: true,
  blockOwnerDeletion: true,
};

const CPU_99 = {
  type: 'Resource',
  resource: {
    name: 'cpu',
    target: { type: 'Utilization', averageUtilization: 99 },
  },
};

/** The HPA of Flagger's walkthrough: podinfo between 2 and 4 replicas at 99% CPU. */
function podinfoHpa(spec: Record<string, unknown> = {}) {
  return {
    apiVersion: 'autoscaling/v2beta2',
    kind: 'HorizontalPodAutoscaler',
    metadata: {
      name: 'podinfo',
      namespace: 'test',
      uid: 'hpa-uid',
      resourceVersion: '42',
      labels: { app: 'podinfo' },
      annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}' },
    },
    spec: {
      scaleTargetRef: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: 'podinfo',
      },
      minReplicas: 2,
      maxReplicas: 4,
      metrics: [CPU_99],
      ...spec,
    },
    status: { currentReplicas: 2, desiredReplicas: 2 },
  };
}

describe('buildPrimaryHorizontalPodAutoscaler', () => {
  it('given the podinfo HPA, builds podinfo-primary scaling podinfo-primary with the same spec, labels and the Canary as owner', () => {
    const built = buildPrimaryHorizontalPodAutoscaler({
      autoscaler: podinfoHpa(),
      apiVersion: 'autoscaling/v2beta2',
      primaryName: 'podinfo-primary',
      owner: OWNER,
    });

    expect(built).toEqual({
      apiVersion: 'autoscaling/v2beta2',
      kind: 'HorizontalPodAutoscaler',
      metadata: {
        name: 'podinfo-primary',
        namespace: 'test',
        labels: { app: 'podinfo' },
        ownerReferences: [OWNER],
      },
      spec: {
        scaleTargetRef: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: 'podinfo-primary',
        },
        minReplicas: 2,
        maxReplicas: 4,
        metrics: [CPU_99],
      },
    });
  });

  it('given an HPA named apart from its Deployment, names the copy after the HPA and points it at the primary Deployment', () => {
    const hpa = podinfoHpa();
    hpa.metadata.name = 'podinfo-autoscaler';
    const built = buildPrimaryHorizontalPodAutoscaler({
      autoscaler: hpa,
      apiVersion: 'autoscaling/v2',
      primaryName: 'podinfo-primary',
      owner: OWNER,
    });
    expect(built.apiVersion).toBe('autoscaling/v2');
    expect(built.metadata.name).toBe('podinfo-autoscaler-primary');
    expect((built.spec as any).scaleTargetRef.name).toBe('podinfo-primary');
  });

  it('keeps behavior and leaves the target HPA untouched', () => {
    const behavior = {
      scaleDown: {
        stabilizationWindowSeconds: 60,
        policies: [{ type: 'Pods', value: 1, periodSeconds: 30 }],
      },
    };
    const hpa = podinfoHpa({ behavior });
    const before = JSON.parse(JSON.stringify(hpa));
    const built = buildPrimaryHorizontalPodAutoscaler({
      autoscaler: hpa,
      apiVersion: 'autoscaling/v2beta2',
      primaryName: 'podinfo-primary',
      owner: OWNER,
    });
    expect((built.spec as any).behavior).toEqual(behavior);
    expect(hpa).toEqual(before);
  });

  it('given primaryScalerReplicas, gives the primary its own minimum and maximum, as Flagger does', () => {
    const both = buildPrimaryHorizontalPodAutoscaler({
      autoscaler: podinfoHpa(),
      apiVersion: 'autoscaling/v2beta2',
      primaryName: 'podinfo-primary',
      replicas: { minReplicas: 3, maxReplicas: 10 },
      owner: OWNER,
    });
    expect(both.spec).toMatchObject({ minReplicas: 3, maxReplicas: 10 });
    const maxOnly = buildPrimaryHorizontalPodAutoscaler({
      autoscaler: podinfoHpa(),
      apiVersion: 'autoscaling/v2beta2',
      primaryName: 'podinfo-primary',
      replicas: { maxReplicas: 6 },
      owner: OWNER,
    });
    expect(maxOnly.spec).toMatchObject({ minReplicas: 2, maxReplicas: 6 });
  });

  it('given an HPA without labels, writes no labels', () => {
    const hpa: any = podinfoHpa();
    delete hpa.metadata.labels;
    const built = buildPrimaryHorizontalPodAutoscaler({
      autoscaler: hpa,
      apiVersion: 'autoscaling/v2beta2',
      primaryName: 'podinfo-primary',
      owner: OWNER,
    });
    expect(built.metadata).not.toHaveProperty('labels');
  });
});

describe('primaryAutoscalerUpdate', () => {
  function primaryOf(hpa: any) {
    return buildPrimaryHorizontalPodAutoscaler({
      autoscaler: hpa,
      apiVersion: 'autoscaling/v2beta2',
      primaryName: 'podinfo-primary',
      owner: OWNER,
    });
  }

  it('given a primary HPA that matches the target HPA, changes nothing', () => {
    const existing = { ...primaryOf(podinfoHpa()), status: { x: 1 } };
    expect(
      primaryAutoscalerUpdate(existing, primaryOf(podinfoHpa())),
    ).toBeUndefined();
  });

  it('given the target HPA raised to 5 replicas, patches maxReplicas only', () => {
    const existing = primaryOf(podinfoHpa());
    expect(
      primaryAutoscalerUpdate(
        existing,
        primaryOf(podinfoHpa({ maxReplicas: 5 })),
      ),
    ).toEqual({ spec: { maxReplicas: 5 } });
  });

  it('given new metrics on the target HPA, replaces the whole list', () => {
    const memory = {
      type: 'Resource',
      resource: {
        name: 'memory',
        target: { type: 'AverageValue', averageValue: '512Mi' },
      },
    };
    const existing = primaryOf(podinfoHpa());
    expect(
      primaryAutoscalerUpdate(
        existing,
        primaryOf(podinfoHpa({ metrics: [CPU_99, memory] })),
      ),
    ).toEqual({ spec: { metrics: [CPU_99, memory] } });
  });

  it('given behavior removed from the target HPA (or one of its directions), removes it from the primary', () => {
    const scaleUp = { stabilizationWindowSeconds: 0 };
    const scaleDown = { stabilizationWindowSeconds: 300 };
    const existing = primaryOf(
      podinfoHpa({ behavior: { scaleUp, scaleDown } }),
    );
    expect(primaryAutoscalerUpdate(existing, primaryOf(podinfoHpa()))).toEqual({
      spec: { behavior: null },
    });
    expect(
      primaryAutoscalerUpdate(
        existing,
        primaryOf(podinfoHpa({ behavior: { scaleDown } })),
      ),
    ).toEqual({ spec: { behavior: { scaleUp: null } } });
  });

  it('given minReplicas dropped from the target HPA, clears it on the primary (the API server defaults it to 1)', () => {
    const hpa: any = podinfoHpa();
    delete hpa.spec.minReplicas;
    expect(
      primaryAutoscalerUpdate(primaryOf(podinfoHpa()), primaryOf(hpa)),
    ).toEqual({ spec: { minReplicas: null } });
  });
});
