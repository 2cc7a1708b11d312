import { selectWatchedResources } from './selectWatchedResources';

const watched = (...groupVersions: string[]) =>
  selectWatchedResources(
    groupVersions.map(groupVersion => ({
      name: groupVersion.split('/')[0],
      versions: [{ groupVersion }],
    })),
  ).map(resource => `${resource.apiVersion} ${resource.kind}`);

describe('selectWatchedResources', () => {
  it('watches the core kinds (Events about Canaries only) and Deployments, and never the uncached Leases', () => {
    const kinds = watched('apps/v1', 'coordination.k8s.io/v1');
    expect(kinds).toEqual(
      expect.arrayContaining([
        'apps/v1 Deployment',
        'v1 Service',
        'v1 ConfigMap',
        'v1 Secret',
        'v1 Event',
      ]),
    );
    expect(
      selectWatchedResources([]).find(r => r.kind === 'Event')?.fieldSelector,
    ).toBe('involvedObject.kind=Canary');
    expect(kinds).not.toContain('coordination.k8s.io/v1 Lease');
  });

  it('watches HorizontalPodAutoscalers once, at the newest version served', () => {
    const hpas = (...versions: string[]) =>
      watched(...versions).filter(kind =>
        kind.endsWith('HorizontalPodAutoscaler'),
      );
    // Kubernetes 1.20 (the lab), 1.23-1.25, 1.26 and later.
    expect(hpas('autoscaling/v1', 'autoscaling/v2beta2')).toEqual([
      'autoscaling/v2beta2 HorizontalPodAutoscaler',
    ]);
    expect(
      hpas('autoscaling/v1', 'autoscaling/v2', 'autoscaling/v2beta2'),
    ).toEqual(['autoscaling/v2 HorizontalPodAutoscaler']);
    expect(hpas('autoscaling/v2')).toEqual([
      'autoscaling/v2 HorizontalPodAutoscaler',
    ]);
  });

  it('skips a mesh API the cluster serves at another version than the engine speaks', () => {
    expect(watched('gateway.networking.k8s.io/v1')).not.toContain(
      'gateway.networking.k8s.io/v1beta1 HTTPRoute',
    );
    expect(watched('gateway.networking.k8s.io/v1beta1')).toContain(
      'gateway.networking.k8s.io/v1beta1 HTTPRoute',
    );
  });

  it('watches Argo Rollouts (with their AnalysisRuns and only their ReplicaSets) and Flagger Canaries where the cluster serves them', () => {
    const foreign = (...versions: string[]) =>
      watched('apps/v1', ...versions).filter(
        kind =>
          kind.startsWith('argoproj.io') ||
          kind.startsWith('flagger.app') ||
          kind.endsWith('ReplicaSet'),
      );
    expect(foreign()).toEqual([]);
    expect(foreign('flagger.app/v1beta1')).toEqual([
      'flagger.app/v1beta1 Canary',
    ]);
    expect(foreign('argoproj.io/v1alpha1')).toEqual([
      'argoproj.io/v1alpha1 Rollout',
      'argoproj.io/v1alpha1 AnalysisRun',
      'apps/v1 ReplicaSet',
    ]);
    const replicaSets = selectWatchedResources([
      { name: 'apps', versions: [{ groupVersion: 'apps/v1' }] },
      {
        name: 'argoproj.io',
        versions: [{ groupVersion: 'argoproj.io/v1alpha1' }],
      },
    ]).find(r => r.kind === 'ReplicaSet');
    expect(replicaSets?.labelSelector).toBe('rollouts-pod-template-hash');
    // A Vane Canary and a Flagger Canary are two kinds, each watched at its own group.
    expect(
      watched('delivery.vane.dev/v1alpha1', 'flagger.app/v1beta1').filter(k =>
        k.endsWith(' Canary'),
      ),
    ).toEqual([
      'delivery.vane.dev/v1alpha1 Canary',
      'flagger.app/v1beta1 Canary',
    ]);
  });
});
