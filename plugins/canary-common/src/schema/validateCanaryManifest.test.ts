import { FLAGGER_METRIC_TEMPLATE_REFUSALS } from './FLAGGER_FIELD_REFUSALS';
import {
  validateCanaryManifest,
  validateMetricTemplateManifest,
} from './validateCanaryManifest';

/** Flagger's docs' error-rate MetricTemplate, as Vane's kind. */
function errorRateTemplate(provider: Record<string, unknown>) {
  return {
    apiVersion: 'delivery.vane.dev/v1alpha1',
    kind: 'MetricTemplate',
    metadata: { name: 'error-rate', namespace: 'test' },
    spec: {
      provider,
      query: 'sum(rate(http_requests_total{status=~"5.."}[{{ interval }}]))',
    },
  };
}

const errorsOf = (result: ReturnType<typeof validateMetricTemplateManifest>) =>
  result.valid ? [] : result.errors.map(e => e.message);

describe('validateMetricTemplateManifest', () => {
  it("accepts Flagger's Prometheus template with its own address, and the zero values of the fields Vane refuses", () => {
    expect(
      validateMetricTemplateManifest(
        errorRateTemplate({
          type: 'prometheus',
          address: 'http://prometheus.istio-system:9090',
          insecureSkipVerify: false,
          headers: {},
        }),
      ).valid,
    ).toBe(true);
  });

  it.each<[keyof typeof FLAGGER_METRIC_TEMPLATE_REFUSALS, unknown]>([
    ['provider.type', 'datadog'],
    ['provider.headers', { 'X-Scope-OrgID': ['tenant-1'] }],
    ['provider.secretRef', { name: 'prom-auth' }],
    ['provider.region', 'eu-west-1'],
    ['provider.insecureSkipVerify', true],
  ])(
    'refuses %s by name, saying why and what to do instead',
    (field, value) => {
      const [, key] = field.split('.');
      expect(
        errorsOf(
          validateMetricTemplateManifest(
            errorRateTemplate({ type: 'prometheus', [key]: value }),
          ),
        ),
      ).toEqual([`spec.${field} ${FLAGGER_METRIC_TEMPLATE_REFUSALS[field]}`]);
    },
  );
});

describe('validateCanaryManifest', () => {
  it('locates a refused field from the manifest root, as the Scaffolder and the apply API report it', () => {
    const result = validateCanaryManifest({
      apiVersion: 'delivery.vane.dev/v1alpha1',
      kind: 'Canary',
      metadata: { name: 'podinfo', namespace: 'test' },
      spec: {
        targetRef: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: 'podinfo',
        },
        service: { port: 9898, meshName: 'global' },
        analysis: {
          interval: '0s',
          threshold: 5,
          maxWeight: 50,
          stepWeight: 10,
        },
      },
    });
    expect(result.valid ? [] : result.errors).toEqual([
      {
        field: 'spec.service.meshName',
        message:
          "spec.service.meshName is not supported: it names the mesh of Flagger's appmesh router for App Mesh v1beta1; Vane's appmesh writes v1beta2, where a namespace joins a mesh by the Mesh's namespaceSelector and App Mesh's controller sets each object's meshRef (Flagger's appmesh:v1beta2 ignores it too); label the namespace for its mesh, and remove it (got \"global\")",
      },
      {
        field: 'spec.analysis.interval',
        message: 'spec.analysis.interval must be at least 1s (got "0s")',
      },
    ]);
  });
});
