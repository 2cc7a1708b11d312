import { withLastMeasurements } from './withLastMeasurements';
import { withPodTemplateImages } from './withPodTemplateImages';

describe('what the cache keeps of Argo Rollouts’ objects', () => {
  it('keeps of a ReplicaSet its metadata, replica counts and container images only', () => {
    const kept = withPodTemplateImages({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: 'ratings-6f7b',
        namespace: 'test',
        labels: { 'rollouts-pod-template-hash': '6f7b' },
      },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'ratings' } },
        template: {
          metadata: { labels: { app: 'ratings' } },
          spec: {
            containers: [
              {
                name: 'ratings',
                image: 'ghcr.io/stefanprodan/podinfo:6.1.0',
                env: [{ name: 'SECRET_LOOKING', value: 'x' }],
              },
            ],
          },
        },
      },
      status: { replicas: 2, availableReplicas: 1 },
    } as any);
    expect(kept).toEqual({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: 'ratings-6f7b',
        namespace: 'test',
        labels: { 'rollouts-pod-template-hash': '6f7b' },
      },
      spec: {
        replicas: 2,
        template: {
          spec: {
            containers: [
              { name: 'ratings', image: 'ghcr.io/stefanprodan/podinfo:6.1.0' },
            ],
          },
        },
      },
      status: { replicas: 2, readyReplicas: 0, availableReplicas: 1 },
    });
  });

  it('keeps of an AnalysisRun the newest measurement of each metric', () => {
    const kept: any = withLastMeasurements({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AnalysisRun',
      metadata: { name: 'ratings-6f7b-2', namespace: 'test' },
      status: {
        phase: 'Running',
        metricResults: [
          {
            name: 'success-rate',
            count: 3,
            measurements: [
              { value: '0.97' },
              { value: '0.98' },
              { value: '0.99' },
            ],
          },
        ],
      },
    } as any);
    expect(kept.status.phase).toBe('Running');
    expect(kept.status.metricResults).toEqual([
      { name: 'success-rate', count: 3, measurements: [{ value: '0.99' }] },
    ]);
  });
});
