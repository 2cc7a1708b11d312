import type { MeshRouterFactory } from '@vane/plugin-canary-node';
import { BUILTIN_MESHES } from './BUILTIN_MESHES';
import { chooseMeshProvider as chooseAmong } from './chooseMeshProvider';

const chooseMeshProvider = (
  options: Omit<Parameters<typeof chooseAmong>[0], 'meshes'>,
  meshes: readonly MeshRouterFactory[] = BUILTIN_MESHES,
) => {
  const choice = chooseAmong({ ...options, meshes });
  // The telemetry itself is asserted per mesh (renderBuiltinMetricQuery, buildMeshHealthQueries).
  return { ...choice, metrics: choice.metrics.name };
};

const ISTIO_CLUSTER = [
  'apps',
  'networking.istio.io',
  'security.istio.io',
  'gateway.networking.k8s.io',
];
const LINKERD_SMI_CLUSTER = ['apps', 'linkerd.io', 'split.smi-spec.io'];

describe('chooseMeshProvider', () => {
  it('given spec.provider, uses it', () => {
    expect(
      chooseMeshProvider({
        specProvider: 'gatewayapi',
        clusterDefault: 'istio',
        apiGroups: ISTIO_CLUSTER,
        clusterName: 'lab',
      }),
    ).toEqual({
      provider: 'gatewayapi',
      metrics: 'gatewayapi',
      source: 'spec.provider',
    });
  });

  it("given Flagger's provider names, maps them to Vane's routers and metrics", () => {
    const choose = (specProvider: string) =>
      chooseMeshProvider({
        specProvider,
        apiGroups: [...ISTIO_CLUSTER, 'split.smi-spec.io'],
        clusterName: 'lab',
      });
    expect(choose('linkerd')).toEqual({
      provider: 'smi',
      metrics: 'linkerd',
      source: 'spec.provider',
    });
    expect(choose('osm').metrics).toBe('osm');
    expect(choose('smi:v1alpha2').provider).toBe('smi');
    expect(choose('gatewayapi:v1beta1').provider).toBe('gatewayapi');
  });

  it('given no spec.provider, uses the cluster default', () => {
    expect(
      chooseMeshProvider({
        clusterDefault: 'smi',
        apiGroups: LINKERD_SMI_CLUSTER,
        clusterName: 'lab',
      }),
    ).toEqual({
      provider: 'smi',
      metrics: 'linkerd',
      source: 'cluster default',
    });
  });

  it('given neither, discovers Istio first on a cluster serving Istio and Gateway API', () => {
    expect(
      chooseMeshProvider({ apiGroups: ISTIO_CLUSTER, clusterName: 'lab' }),
    ).toEqual({ provider: 'istio', metrics: 'istio', source: 'discovery' });
  });

  it('given neither on a cluster with only Gateway API, discovers gatewayapi', () => {
    expect(
      chooseMeshProvider({
        apiGroups: ['apps', 'gateway.networking.k8s.io'],
        clusterName: 'lab',
      }),
    ).toEqual({
      provider: 'gatewayapi',
      metrics: 'gatewayapi',
      source: 'discovery',
    });
  });

  it('given neither on an OSM cluster, discovers smi with OSM metrics', () => {
    expect(
      chooseMeshProvider({
        apiGroups: ['split.smi-spec.io', 'config.openservicemesh.io'],
        clusterName: 'lab',
      }),
    ).toEqual({ provider: 'smi', metrics: 'osm', source: 'discovery' });
  });

  it('given no mesh at all, falls back to kubernetes (blue/green by Service selector)', () => {
    expect(
      chooseMeshProvider({ apiGroups: ['apps', 'batch'], clusterName: 'lab' }),
    ).toEqual({
      provider: 'kubernetes',
      metrics: 'kubernetes',
      source: 'discovery',
    });
  });

  it('given spec.provider istio on a cluster without Istio, says so and lists what would work', () => {
    expect(() =>
      chooseMeshProvider({
        specProvider: 'istio',
        apiGroups: LINKERD_SMI_CLUSTER,
        clusterName: 'lab',
      }),
    ).toThrow(
      "spec.provider is istio, but cluster lab serves no networking.istio.io API; install the mesh's CRDs or choose one of: smi, nginx, kubernetes",
    );
  });

  it('given a provider no mesh registers, passes it through for the registry to name the known ones', () => {
    expect(
      chooseMeshProvider({
        specProvider: 'apisix',
        apiGroups: [],
        clusterName: 'lab',
      }),
    ).toEqual({
      provider: 'apisix',
      metrics: 'apisix',
      source: 'spec.provider',
    });
  });

  it("given a module's mesh, checks its API groups and measures it with its own telemetry", () => {
    const edge: MeshRouterFactory = {
      provider: 'edge',
      create: () => {
        throw new Error('not used in this test');
      },
      apiGroups: ['edge.example.com'],
      telemetry: [
        {
          name: 'edge-proxy',
          builtinQueries: {
            'request-success-rate': 'edge_success{ns="{{ namespace }}"}',
            'request-duration': 'edge_p99{ns="{{ namespace }}"}',
          },
        },
      ],
    };
    const meshes = [...BUILTIN_MESHES, edge];
    expect(
      chooseMeshProvider(
        {
          specProvider: 'edge',
          apiGroups: ['edge.example.com'],
          clusterName: 'lab',
        },
        meshes,
      ),
    ).toEqual({
      provider: 'edge',
      metrics: 'edge-proxy',
      source: 'spec.provider',
    });
    expect(
      chooseMeshProvider(
        { apiGroups: ['edge.example.com'], clusterName: 'lab' },
        meshes,
      ),
    ).toEqual({ provider: 'edge', metrics: 'edge-proxy', source: 'discovery' });
    expect(() =>
      chooseMeshProvider(
        { clusterDefault: 'edge', apiGroups: ['apps'], clusterName: 'lab' },
        meshes,
      ),
    ).toThrow(
      "cluster default is edge, but cluster lab serves no edge.example.com API; install the mesh's CRDs or choose one of: nginx, kubernetes",
    );
  });
});
