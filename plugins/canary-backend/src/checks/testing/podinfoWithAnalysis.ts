import {
  validateCanarySpec,
  type Canary,
  type CanaryStatus,
  type ValidCanarySpec,
} from '@vane/plugin-canary-common';

/**
 * The seed walkthrough's Canary (podinfo in namespace test, analysing revision rev-b) with the
 * given webhooks and metrics, and its validated spec, as the engine hands them to the executors.
 */
export function podinfoWithAnalysis(
  analysis: { webhooks?: unknown[]; metrics?: unknown[] },
  status: CanaryStatus = { phase: 'Progressing', lastAppliedSpec: 'rev-b' },
): { canary: Canary; spec: ValidCanarySpec } {
  const rawSpec = {
    targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'podinfo' },
    service: { port: 9898 },
    analysis: {
      interval: '1m',
      threshold: 3,
      maxWeight: 80,
      stepWeight: 20,
      ...analysis,
    },
  };
  const validation = validateCanarySpec(rawSpec);
  if (!validation.valid) {
    throw new Error(
      `test Canary is invalid: ${JSON.stringify(validation.errors)}`,
    );
  }
  return {
    canary: {
      apiVersion: 'delivery.vane.dev/v1alpha1',
      kind: 'Canary',
      metadata: {
        name: 'podinfo',
        namespace: 'test',
        uid: 'uid-podinfo',
        resourceVersion: '4711',
      },
      spec: rawSpec as Canary['spec'],
      status,
    },
    spec: validation.spec,
  };
}
