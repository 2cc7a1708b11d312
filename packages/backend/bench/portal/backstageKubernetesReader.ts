/**
 * The identity Backstage's Kubernetes plugin reads a cluster with: a ServiceAccount bound to the
 * read-only ClusterRole of Backstage's documentation (Kubernetes plugin, "Role Based Access
 * Control"), plus Vane's Canaries, which the benchmark configures as a custom resource so the
 * plugin returns the same Canary that Vane does. Vane's engine identity cannot list pods or
 * ReplicaSets, so it would turn most of the plugin's requests into 403s.
 */
export const BACKSTAGE_READER = {
  namespace: 'vane-system',
  name: 'backstage-kubernetes-reader',
};

export function backstageKubernetesReader(): object[] {
  const { namespace, name } = BACKSTAGE_READER;
  return [
    {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name, namespace },
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name },
      rules: [
        {
          apiGroups: ['*'],
          resources: [
            'pods',
            'configmaps',
            'services',
            'deployments',
            'replicasets',
            'horizontalpodautoscalers',
            'ingresses',
            'statefulsets',
            'limitranges',
            'resourcequotas',
            'daemonsets',
          ],
          verbs: ['get', 'list', 'watch'],
        },
        {
          apiGroups: ['batch'],
          resources: ['jobs', 'cronjobs'],
          verbs: ['get', 'list', 'watch'],
        },
        {
          apiGroups: ['delivery.vane.dev'],
          resources: ['canaries'],
          verbs: ['get', 'list', 'watch'],
        },
      ],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name },
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'ClusterRole',
        name,
      },
      subjects: [{ kind: 'ServiceAccount', name, namespace }],
    },
  ];
}
