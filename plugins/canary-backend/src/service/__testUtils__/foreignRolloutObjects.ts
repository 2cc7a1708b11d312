// Objects of the controllers Vane does not drive, written into the lab as those controllers
// write them (Argo Rollouts: pkg/apis/rollouts/v1alpha1; Flagger: pkg/apis/flagger/v1beta1),
// since neither controller runs in the lab.

const POD_TEMPLATE_HASH = 'rollouts-pod-template-hash';

type RolloutObject = {
  metadata: { namespace: string; name: string; uid: string };
};

/** The ownerReference Argo's controller puts on what it makes for a Rollout. */
function ownedBy(rollout: RolloutObject) {
  const { name, uid } = rollout.metadata;
  return [
    {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Rollout',
      name,
      uid,
      controller: true,
      blockOwnerDeletion: true,
    },
  ];
}

/** A pod template of one podinfo container named after the service. */
function podTemplate(
  name: string,
  image: string,
  labels: Record<string, string>,
) {
  return {
    metadata: { labels },
    spec: {
      containers: [
        { name, image, ports: [{ name: 'http', containerPort: 9898 }] },
      ],
    },
  };
}

/** An Argo Rollout of `steps`, labelled with its catalog id, running `image`. */
export function argoRollout(options: {
  namespace: string;
  name: string;
  image: string;
  replicas: number;
  steps: object[];
}) {
  const { namespace, name } = options;
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    metadata: {
      namespace,
      name,
      labels: { 'backstage.io/kubernetes-id': name },
    },
    spec: {
      replicas: options.replicas,
      selector: { matchLabels: { app: name } },
      strategy: { canary: { steps: options.steps } },
      template: podTemplate(name, options.image, { app: name }),
    },
  };
}

/**
 * A ReplicaSet as Argo's controller makes one for a revision of a Rollout: named and labelled by
 * its pod template hash, owned by the Rollout. The lab's controller-manager runs its pods.
 */
export function argoReplicaSet(options: {
  rollout: RolloutObject;
  hash: string;
  revision: number;
  image: string;
  replicas: number;
}) {
  const { namespace, name } = options.rollout.metadata;
  const labels = { app: name, [POD_TEMPLATE_HASH]: options.hash };
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      namespace,
      name: `${name}-${options.hash}`,
      labels,
      annotations: { 'rollout.argoproj.io/revision': String(options.revision) },
      ownerReferences: ownedBy(options.rollout),
    },
    spec: {
      replicas: options.replicas,
      selector: { matchLabels: labels },
      template: podTemplate(name, options.image, labels),
    },
  };
}

/** An AnalysisRun of a Rollout's revision, measuring its success rate, with the status so far. */
export function argoAnalysisRun(options: {
  rollout: RolloutObject;
  hash: string;
  revision: number;
  successRates: string[];
}) {
  const { namespace, name } = options.rollout.metadata;
  const measurements = options.successRates.map((value, i) => ({
    phase: 'Successful',
    value,
    startedAt: `2026-03-01T10:0${i}:00Z`,
    finishedAt: `2026-03-01T10:0${i}:01Z`,
  }));
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AnalysisRun',
    metadata: {
      namespace,
      name: `${name}-${options.hash}-${options.revision}`,
      annotations: { 'rollout.argoproj.io/revision': String(options.revision) },
      ownerReferences: ownedBy(options.rollout),
    },
    spec: {
      metrics: [
        {
          name: 'success-rate',
          interval: '1m',
          successCondition: 'result[0] >= 0.95',
          provider: {
            prometheus: {
              address: 'http://prometheus.monitoring:9090',
              query:
                'sum(rate(http_requests_total{code!~"5.."}[1m])) / sum(rate(http_requests_total[1m]))',
            },
          },
        },
      ],
    },
    status: {
      phase: 'Running',
      startedAt: '2026-03-01T10:00:00Z',
      metricResults: [
        {
          name: 'success-rate',
          phase: 'Running',
          count: measurements.length,
          successful: measurements.length,
          measurements,
        },
      ],
    },
  };
}

/** A Flagger Canary of Deployment `name`, with Flagger's analysis fields. */
export function flaggerCanary(namespace: string, name: string) {
  return {
    apiVersion: 'flagger.app/v1beta1',
    kind: 'Canary',
    metadata: { namespace, name },
    spec: {
      provider: 'istio',
      targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
      service: { port: 9898 },
      analysis: {
        interval: '1m',
        threshold: 5,
        maxWeight: 50,
        stepWeight: 10,
        metrics: [
          {
            name: 'request-success-rate',
            thresholdRange: { min: 99 },
            interval: '1m',
          },
        ],
      },
    },
  };
}
