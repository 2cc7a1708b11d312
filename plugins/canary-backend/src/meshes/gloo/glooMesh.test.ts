import { BUILTIN_MESHES } from '../BUILTIN_MESHES';
import { detectMeshProviders } from '../detectMeshProviders';
import { glooMesh } from './glooMesh';

describe('glooMesh', () => {
  it('is discovered where Gloo serves both its APIs, after Istio (Gloo as the gateway of an Istio mesh, as in the SuperGloo walkthrough)', () => {
    expect(glooMesh.provider).toBe('gloo');
    expect(
      detectMeshProviders(BUILTIN_MESHES, ['gateway.solo.io', 'gloo.solo.io']),
    ).toEqual(['gloo', 'nginx', 'kubernetes']);
    expect(detectMeshProviders(BUILTIN_MESHES, ['gloo.solo.io'])).toEqual([
      'nginx',
      'kubernetes',
    ]);
    expect(
      detectMeshProviders(BUILTIN_MESHES, [
        'gateway.solo.io',
        'gloo.solo.io',
        'networking.istio.io',
      ]),
    ).toEqual(['istio', 'gloo', 'nginx', 'kubernetes']);
  });

  it("measures the canary Upstream's Envoy clusters with Flagger's queries, one line each", () => {
    expect(glooMesh.telemetry).toEqual([
      {
        name: 'gloo',
        builtinQueries: {
          'request-success-rate':
            'sum(rate(envoy_cluster_upstream_rq{envoy_cluster_name=~"{{ namespace }}-{{ service }}-canaryupstream-[0-9a-zA-Z-]+_[0-9a-zA-Z-]+",envoy_response_code!~"5.*"}[{{ interval }}])) / sum(rate(envoy_cluster_upstream_rq{envoy_cluster_name=~"{{ namespace }}-{{ service }}-canaryupstream-[0-9a-zA-Z-]+_[0-9a-zA-Z-]+"}[{{ interval }}])) * 100',
          'request-duration':
            'histogram_quantile(0.99, sum(rate(envoy_cluster_upstream_rq_time_bucket{envoy_cluster_name=~"{{ namespace }}-{{ service }}-canaryupstream-[0-9a-zA-Z-]+_[0-9a-zA-Z-]+"}[{{ interval }}])) by (le))',
        },
      },
    ]);
  });
});
