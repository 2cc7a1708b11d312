import {
  FLAGGER_FIELD_REFUSALS,
  FlaggerFieldRefusal,
} from './FLAGGER_FIELD_REFUSALS';
import { validateCanarySpec } from './validateCanarySpec';

/** The seed walkthrough's Canary (flagger.app/v1beta1), spec only. */
function seedSpec(): Record<string, any> {
  return {
    targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'podinfo' },
    progressDeadlineSeconds: 60,
    autoscalerRef: {
      apiVersion: 'autoscaling/v2beta2',
      kind: 'HorizontalPodAutoscaler',
      name: 'podinfo',
    },
    service: {
      port: 9898,
      targetPort: 9898,
      gateways: ['public-gateway'],
      hosts: ['*'],
      trafficPolicy: { tls: { mode: 'DISABLE' } },
      rewrite: { uri: '/' },
    },
    analysis: {
      interval: '30s',
      threshold: 3,
      maxWeight: 80,
      stepWeight: 20,
      metrics: [
        {
          name: 'request-success-rate',
          thresholdRange: { min: 99 },
          interval: '1m',
        },
        {
          name: 'request-duration',
          thresholdRange: { max: 500 },
          interval: '30s',
        },
      ],
    },
  };
}

function errorsOf(spec: unknown): string[] {
  const result = validateCanarySpec(spec);
  if (result.valid) {
    throw new Error('expected the spec to be invalid');
  }
  return result.errors.map(e => e.message);
}

describe('validateCanarySpec', () => {
  it.each([
    [null, 'spec must be an object (got null)'],
    ['podinfo', 'spec must be an object (got "podinfo")'],
    [[], 'spec must be an object (got [])'],
    [undefined, 'spec is required'],
  ])(
    'given a spec that is no object (%p), names spec itself',
    (spec, message) => {
      const result = validateCanarySpec(spec);
      expect(result.valid).toBe(false);
      expect(
        !result.valid && result.errors.map(e => [e.field, e.message]),
      ).toEqual([['spec', message]]);
    },
  );

  it("accepts the seed walkthrough's v1beta1 Canary and fills Flagger's defaults", () => {
    const result = validateCanarySpec(seedSpec());
    expect(result).toMatchObject({ valid: true, deprecations: [] });
    if (!result.valid) throw new Error('unreachable');
    expect(result.spec.analysis.stepWeight).toBe(20);
    expect(result.spec.skipAnalysis).toBe(false);
    expect(result.spec.suspend).toBe(false);
    expect(result.spec.analysis.webhooks).toEqual([]);
    // Mesh-specific service fields (Istio's trafficPolicy, rewrite) pass through untouched.
    expect(result.spec.service.trafficPolicy).toEqual({
      tls: { mode: 'DISABLE' },
    });
  });

  it('accepts the v1alpha3 manifest of the SuperGloo walkthrough, normalising canaryAnalysis, threshold and untyped webhooks', () => {
    const v1alpha3 = {
      targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'podinfo' },
      progressDeadlineSeconds: 60,
      service: { port: 9898, gateways: ['mesh'], hosts: ['app.example.com'] },
      canaryAnalysis: {
        interval: '1m',
        threshold: 5,
        maxWeight: 50,
        stepWeight: 10,
        metrics: [
          { name: 'request-success-rate', threshold: 99, interval: '1m' },
          { name: 'request-duration', threshold: 500, interval: '30s' },
        ],
        webhooks: [
          {
            name: 'load-test',
            url: 'http://flagger-loadtester.test/',
            timeout: '5s',
            metadata: { cmd: 'hey -z 1m -q 10 -c 2 http://podinfo.test:9898/' },
          },
        ],
      },
    };
    const result = validateCanarySpec(v1alpha3);
    if (!result.valid) {
      throw new Error(result.errors.map(e => e.message).join('; '));
    }
    expect(result.spec.analysis.metrics).toEqual([
      {
        name: 'request-success-rate',
        thresholdRange: { min: 99 },
        interval: '1m',
      },
      {
        name: 'request-duration',
        thresholdRange: { max: 500 },
        interval: '30s',
      },
    ]);
    expect(result.spec.analysis.webhooks[0].type).toBe('rollout');
    expect(result.deprecations).toEqual([
      'canaryAnalysis is deprecated: use analysis',
      'analysis.metrics[0].threshold is deprecated: use thresholdRange.min',
      'analysis.metrics[1].threshold is deprecated: use thresholdRange.max',
    ]);
  });

  it('accepts manual gates served by Vane (url vane://approval) for the three gate types', () => {
    const spec = seedSpec();
    spec.analysis.webhooks = [
      { name: 'go', type: 'confirm-rollout', url: 'vane://approval' },
      {
        name: 'more',
        type: 'confirm-traffic-increase',
        url: 'vane://approval',
      },
      { name: 'ship', type: 'confirm-promotion', url: 'vane://approval' },
    ];
    const result = validateCanarySpec(spec);
    expect(
      result.valid && result.spec.analysis.webhooks.map(w => w.url),
    ).toEqual(['vane://approval', 'vane://approval', 'vane://approval']);
  });

  it("accepts mirroring before the weight steps (Flagger's canary release with mirror)", () => {
    const spec = seedSpec();
    spec.analysis.mirror = true;
    spec.analysis.mirrorWeight = 50;
    const result = validateCanarySpec(spec);
    expect(
      result.valid && {
        mirror: result.spec.analysis.mirror,
        mirrorWeight: result.spec.analysis.mirrorWeight,
        stepWeight: result.spec.analysis.stepWeight,
      },
    ).toEqual({ mirror: true, mirrorWeight: 50, stepWeight: 20 });
  });

  it("accepts session affinity with every cookie attribute of Flagger's docs", () => {
    const spec = seedSpec();
    const sessionAffinity = {
      cookieName: 'flagger-cookie',
      primaryCookieName: 'primary-flagger-cookie',
      maxAge: 21600,
      domain: 'fluxcd.io',
      httpOnly: true,
      partitioned: true,
      path: '/flagger',
      sameSite: 'Strict',
      secure: true,
    };
    spec.analysis.sessionAffinity = sessionAffinity;
    const result = validateCanarySpec(spec);
    expect(result.valid && result.spec.analysis.sessionAffinity).toEqual(
      sessionAffinity,
    );
  });

  it("accepts Flagger's Service metadata, port options and route options, keeping them as written", () => {
    const spec = seedSpec();
    const service = {
      port: 9898,
      appProtocol: 'http',
      trafficDistribution: 'PreferClose',
      portDiscovery: true,
      headless: true,
      timeout: '30s',
      backendTimeout: '10s',
      rewrite: { uri: '/v2', type: 'ReplacePrefixMatch' },
      delegation: true,
      apex: {
        labels: { team: 'podinfo' },
        annotations: { 'example.com/tier': 'apex' },
      },
      primary: { annotations: { 'example.com/tier': 'primary' } },
      canary: { labels: { tier: 'canary' } },
      unmanagedMetadata: {
        labels: ['owner'],
        annotations: ['external-dns.alpha.kubernetes.io/hostname'],
      },
    };
    spec.service = service;
    spec.analysis.webhooks = [
      {
        name: 'approve',
        type: 'confirm-promotion',
        url: 'https://gate.test/',
        muteAlert: true,
        disableTLS: true,
      },
    ];
    const result = validateCanarySpec(spec);
    if (!result.valid)
      throw new Error(result.errors.map(e => e.message).join('; '));
    expect(result.spec.service).toEqual(service);
    expect(result.spec.analysis.webhooks[0]).toMatchObject({
      muteAlert: true,
      disableTLS: true,
    });
  });

  it('refuses a rewrite type that is not a Gateway API path modifier, and a traffic distribution Kubernetes does not have', () => {
    const spec = seedSpec();
    spec.service.rewrite = { uri: '/', type: 'ReplaceSuffix' };
    spec.service.trafficDistribution = 'Anywhere';
    expect(errorsOf(spec)).toEqual([
      'service.trafficDistribution must be PreferClose, PreferSameZone or PreferSameNode (got "Anywhere")',
      'service.rewrite.type must be ReplaceFullPath or ReplacePrefixMatch (Flagger would read any other value as ReplaceFullPath) (got "ReplaceSuffix")',
    ]);
  });

  it.each<[string, (spec: Record<string, any>) => void, string]>([
    [
      'a session affinity without a cookie name',
      s => (s.analysis.sessionAffinity = { maxAge: 60 }),
      'analysis.sessionAffinity.cookieName is required',
    ],
    [
      'a cookie name with a space',
      s => (s.analysis.sessionAffinity = { cookieName: 'my cookie' }),
      "analysis.sessionAffinity.cookieName must be a cookie name: letters, digits and !#$%&'*+-.^_`|~ only (no spaces, '=' or ';') (got \"my cookie\")",
    ],
    [
      'a primary cookie named as the canary cookie',
      s =>
        (s.analysis.sessionAffinity = {
          cookieName: 'sticky',
          primaryCookieName: 'sticky',
        }),
      'analysis.sessionAffinity.primaryCookieName must differ from cookieName: the primary and the canary each need their own cookie (got "sticky")',
    ],
    [
      'a negative cookie max age',
      s => (s.analysis.sessionAffinity = { cookieName: 'sticky', maxAge: -1 }),
      'analysis.sessionAffinity.maxAge must be 0 or more (0 or unset: 86400, a day) (got -1)',
    ],
    [
      'a cookie path with a semicolon',
      s =>
        (s.analysis.sessionAffinity = {
          cookieName: 'sticky',
          path: '/; Domain=evil.example',
        }),
      'analysis.sessionAffinity.path must not contain \';\' or control characters (got "/; Domain=evil.example")',
    ],
    [
      'a step weight of 0',
      s => (s.analysis.stepWeight = 0),
      'analysis.stepWeight must be between 1 and 100 (got 0)',
    ],
    [
      'a step weight over maxWeight',
      s => (s.analysis.stepWeight = 90),
      'analysis.stepWeight must not exceed analysis.maxWeight (80) (got 90)',
    ],
    [
      'a fractional threshold',
      s => (s.analysis.threshold = 1.5),
      'analysis.threshold must be a whole number of at least 1 (got 1.5)',
    ],
    [
      'an interval without unit',
      s => (s.analysis.interval = '30'),
      'analysis.interval must be a duration such as 30s, 1m or 1h30m (got "30")',
    ],
    [
      'an analysis interval of 0s, which would tick without pause',
      s => (s.analysis.interval = '0s'),
      'analysis.interval must be at least 1s (got "0s")',
    ],
    [
      'an analysis interval under a second',
      s => (s.analysis.interval = '500ms'),
      'analysis.interval must be at least 1s (got "500ms")',
    ],
    [
      'an analysis interval over a day',
      s => (s.analysis.interval = '24h1s'),
      'analysis.interval must be at most 24h (got "24h1s")',
    ],
    [
      'a metric interval of 0s',
      s => (s.analysis.metrics[0].interval = '0s'),
      'analysis.metrics[0].interval must be at least 1s (got "0s")',
    ],
    [
      'a webhook timeout over an hour',
      s =>
        (s.analysis.webhooks = [
          { name: 'load-test', url: 'http://lt/', timeout: '2h' },
        ]),
      'analysis.webhooks[0].timeout must be at most 1h (got "2h")',
    ],
    [
      'a webhook timeout too short for any answer',
      s =>
        (s.analysis.webhooks = [
          { name: 'load-test', url: 'http://lt/', timeout: '10ms' },
        ]),
      'analysis.webhooks[0].timeout must be at least 100ms (got "10ms")',
    ],
    [
      'a webhook timeout without unit',
      s =>
        (s.analysis.webhooks = [
          { name: 'load-test', url: 'http://lt/', timeout: '5' },
        ]),
      'analysis.webhooks[0].timeout must be a duration such as 30s, 1m or 1h30m (got "5")',
    ],
    [
      'a request timeout of 0s',
      s => (s.service.timeout = '0s'),
      'service.timeout must be at least 1ms (got "0s")',
    ],
    [
      'a maxWeight over 100',
      s => (s.analysis.maxWeight = 101),
      'analysis.maxWeight must be between 1 and 100 (got 101)',
    ],
    [
      'a mirrorWeight of 0',
      s => {
        delete s.analysis.stepWeight;
        delete s.analysis.maxWeight;
        s.analysis.iterations = 5;
        s.analysis.mirror = true;
        s.analysis.mirrorWeight = 0;
      },
      'analysis.mirrorWeight must be between 1 and 100 (got 0)',
    ],
    [
      'no iterations at all',
      s => {
        delete s.analysis.stepWeight;
        delete s.analysis.maxWeight;
        s.analysis.iterations = 0;
      },
      'analysis.iterations must be at least 1 (got 0)',
    ],
    [
      'a progress deadline of 0 seconds',
      s => (s.progressDeadlineSeconds = 0),
      'progressDeadlineSeconds must be at least 1 (got 0)',
    ],
    [
      'a primary ready threshold over 100 percent',
      s => (s.analysis.primaryReadyThreshold = 120),
      'analysis.primaryReadyThreshold must be between 0 and 100 (got 120)',
    ],
    [
      'no target name',
      s => delete s.targetRef.name,
      'targetRef.name is required',
    ],
    [
      'a port out of range',
      s => (s.service.port = 70000),
      'service.port must be between 1 and 65535 (got 70000)',
    ],
    [
      'no weights and no iterations',
      s => delete s.analysis.stepWeight,
      "analysis.stepWeight or stepWeights is required for a canary release; set iterations instead for A/B testing or blue/green, or steps for Argo Rollouts' setWeight and pause steps",
    ],
    [
      'weights that go down',
      s => {
        delete s.analysis.stepWeight;
        s.analysis.stepWeights = [10, 30, 20];
      },
      'analysis.stepWeights[2] must be greater than the step before it (30) (got 20)',
    ],
    [
      'iterations with weights',
      s => (s.analysis.iterations = 10),
      'analysis.iterations cannot be combined with stepWeight or stepWeights: iterations is for A/B testing and blue/green, weights are for canary releases (got 10)',
    ],
    [
      'a match without iterations',
      s =>
        (s.analysis.match = [
          { headers: { 'x-canary': { exact: 'insider' } } },
        ]),
      'analysis.match needs iterations: A/B testing sends matching requests to the canary for a number of iterations (got [{"headers":{"x-canary":{"exact":"insider"}}}])',
    ],
    [
      'a metric without threshold',
      s => (s.analysis.metrics[0].thresholdRange = undefined),
      'analysis.metrics[0].thresholdRange is required: without it "request-success-rate" could never fail',
    ],
    [
      'a threshold range upside down',
      s => (s.analysis.metrics[1].thresholdRange = { min: 600, max: 500 }),
      'analysis.metrics[1].thresholdRange must have min <= max (got {"min":600,"max":500})',
    ],
    [
      'a custom metric without query',
      s =>
        s.analysis.metrics.push({
          name: 'error-budget',
          thresholdRange: { max: 1 },
        }),
      'analysis.metrics[2].templateRef is required for the custom metric "error-budget" (built-in metrics: request-success-rate, request-duration)',
    ],
    [
      'an unknown webhook type',
      s =>
        (s.analysis.webhooks = [
          { name: 'gate', type: 'confirm', url: 'http://gate/' },
        ]),
      'analysis.webhooks[0].type must be one of confirm-rollout, pre-rollout, rollout, confirm-traffic-increase, confirm-promotion, post-rollout, rollback, event (got "confirm")',
    ],
    [
      'an alert of an unknown severity',
      s =>
        (s.analysis.alerts = [
          {
            name: 'on-call',
            severity: 'urgent',
            providerRef: { name: 'pager' },
          },
        ]),
      'analysis.alerts[0].severity must be one of info, warn, error (got "urgent")',
    ],
    [
      'an alert without its provider',
      s => (s.analysis.alerts = [{ name: 'on-call', severity: 'error' }]),
      'analysis.alerts[0].providerRef is required',
    ],
    [
      'a webhook URL without scheme',
      s =>
        (s.analysis.webhooks = [{ name: 'load-test', url: 'loadtester.test' }]),
      'analysis.webhooks[0].url must be an http or https URL (or vane://approval for a manual gate) (got "loadtester.test")',
    ],
    [
      'a rollout webhook served by Vane (only gates can wait for an approval)',
      s =>
        (s.analysis.webhooks = [
          { name: 'smoke', type: 'rollout', url: 'vane://approval' },
        ]),
      'analysis.webhooks[0].url can be vane://approval only for a manual gate (confirm-rollout, confirm-traffic-increase, confirm-promotion), not for a rollout webhook (got "vane://approval")',
    ],
    [
      'another vane:// URL',
      s =>
        (s.analysis.webhooks = [
          { name: 'gate', type: 'confirm-promotion', url: 'vane://gate' },
        ]),
      'analysis.webhooks[0].url must be an http or https URL (or vane://approval for a manual gate) (got "vane://gate")',
    ],
    [
      'two webhooks of one name',
      s =>
        (s.analysis.webhooks = [
          { name: 'a', url: 'http://a/' },
          { name: 'a', url: 'http://b/' },
        ]),
      'analysis.webhooks[1].name must be unique among the webhooks ("a" is used twice) (got "a")',
    ],
  ])(
    'rejects %s, naming the field, the rule and the value',
    (_, breakIt, message) => {
      const spec = seedSpec();
      breakIt(spec);
      expect(errorsOf(spec)).toEqual([message]);
    },
  );

  /**
   * One Flagger field Vane refuses, set as a Flagger user would: the field's path in the error
   * (below spec), and the value the error quotes.
   */
  const REFUSED_SAMPLES: Record<
    FlaggerFieldRefusal,
    [(spec: Record<string, any>) => void, string, string]
  > = {
    metricsServer: [
      s => (s.metricsServer = 'http://prometheus.istio-system:9090'),
      'metricsServer',
      '"http://prometheus.istio-system:9090"',
    ],
    'targetRef.kind=Service': [
      s =>
        (s.targetRef = {
          apiVersion: 'serving.knative.dev/v1',
          kind: 'Service',
          name: 'podinfo',
        }),
      'targetRef.kind',
      '"Service"',
    ],
    'targetRef.kind': [
      s => (s.targetRef.kind = 'StatefulSet'),
      'targetRef.kind',
      '"StatefulSet"',
    ],
    'autoscalerRef.kind': [
      s => (s.autoscalerRef.kind = 'VerticalPodAutoscaler'),
      'autoscalerRef.kind',
      '"VerticalPodAutoscaler"',
    ],
    'autoscalerRef+targetRef.kind=DaemonSet': [
      s => (s.targetRef.kind = 'DaemonSet'),
      'autoscalerRef',
      // Long values are cut in the message.
      '{"apiVersion":"autoscaling/v2beta2","kind":"HorizontalPodAutoscaler","name":"...',
    ],
    'autoscalerRef.primaryScalerQueries+HorizontalPodAutoscaler': [
      s =>
        (s.autoscalerRef.primaryScalerQueries = {
          'prom-query': 'sum(rate(http_requests_total[2m]))',
        }),
      'autoscalerRef.primaryScalerQueries',
      '{"prom-query":"sum(rate(http_requests_total[2m]))"}',
    ],
    'ingressRef.apiVersion': [
      s =>
        (s.ingressRef = {
          apiVersion: 'extensions/v1beta1',
          kind: 'Ingress',
          name: 'podinfo',
        }),
      'ingressRef.apiVersion',
      '"extensions/v1beta1"',
    ],
    'ingressRef.kind': [
      s =>
        (s.ingressRef = {
          apiVersion: 'networking.k8s.io/v1',
          kind: 'HTTPProxy',
          name: 'podinfo',
        }),
      'ingressRef.kind',
      '"HTTPProxy"',
    ],
    routeRef: [
      s =>
        (s.routeRef = {
          apiVersion: 'apisix.apache.org/v2',
          kind: 'ApisixRoute',
          name: 'podinfo',
        }),
      'routeRef',
      '{"apiVersion":"apisix.apache.org/v2","kind":"ApisixRoute","name":"podinfo"}',
    ],
    upstreamRef: [
      s =>
        (s.upstreamRef = {
          apiVersion: 'gloo.solo.io/v1',
          kind: 'Upstream',
          name: 'podinfo',
        }),
      'upstreamRef',
      '{"apiVersion":"gloo.solo.io/v1","kind":"Upstream","name":"podinfo"}',
    ],
    'canaryAnalysis+analysis': [
      s =>
        (s.canaryAnalysis = { interval: '1m', threshold: 5, stepWeight: 10 }),
      'canaryAnalysis',
      '{"interval":"1m","threshold":5,"stepWeight":10}',
    ],
    'service.mirror': [
      s =>
        (s.service.mirror = [
          { backendRef: { name: 'podinfo-shadow', port: 9898 } },
        ]),
      'service.mirror',
      '[{"backendRef":{"name":"podinfo-shadow","port":9898}}]',
    ],
    'service.meshName': [
      s => (s.service.meshName = 'global'),
      'service.meshName',
      '"global"',
    ],
    'service.backends+provider': [
      s => (s.service.backends = ['backend.test']),
      'service.backends',
      '["backend.test"]',
    ],
    'analysis.sessionAffinity+iterations': [
      s => {
        delete s.analysis.stepWeight;
        delete s.analysis.maxWeight;
        s.analysis.iterations = 10;
        s.analysis.sessionAffinity = { cookieName: 'flagger-cookie' };
      },
      'analysis.sessionAffinity',
      '{"cookieName":"flagger-cookie"}',
    ],
    'analysis.mirror+match': [
      s => {
        delete s.analysis.stepWeight;
        delete s.analysis.maxWeight;
        s.analysis.iterations = 10;
        s.analysis.match = [{ headers: { 'x-canary': { exact: 'insider' } } }];
        s.analysis.mirror = true;
      },
      'analysis.mirror',
      'true',
    ],
    'analysis.maxWeight+iterations': [
      s => {
        delete s.analysis.stepWeight;
        s.analysis.iterations = 10;
      },
      'analysis.maxWeight',
      '80',
    ],
    'analysis.metrics[].threshold+thresholdRange': [
      s => (s.analysis.metrics[1].threshold = 500),
      'analysis.metrics[1].threshold',
      '500',
    ],
    'analysis.alerts[].providerRef.namespace': [
      s =>
        (s.analysis.alerts = [
          {
            name: 'on-call',
            severity: 'error',
            providerRef: { name: 'on-call', namespace: 'flagger' },
          },
        ]),
      'analysis.alerts[0].providerRef.namespace',
      '"flagger"',
    ],
  };

  it.each(Object.keys(FLAGGER_FIELD_REFUSALS) as FlaggerFieldRefusal[])(
    "refuses Flagger's %s by name, saying why and what to do instead",
    refusal => {
      const [setIt, field, got] = REFUSED_SAMPLES[refusal];
      const spec = seedSpec();
      setIt(spec);
      expect(errorsOf(spec)).toEqual([
        `${field} ${FLAGGER_FIELD_REFUSALS[refusal]} (got ${got})`,
      ]);
    },
  );

  it.each(['appmesh', 'appmesh:v1beta2'])(
    "accepts service.backends on provider %s, whose VirtualNodes list them as Flagger's do",
    provider => {
      const spec = seedSpec();
      spec.provider = provider;
      spec.service.backends = [
        'backend.test',
        'arn:aws:appmesh:eu-west-1:1:mesh/m/virtualService/s',
      ];
      const result = validateCanarySpec(spec);
      if (!result.valid)
        throw new Error(result.errors.map(e => e.message).join('; '));
      expect(result.spec.service.backends).toEqual(spec.service.backends);
    },
  );
  it("accepts Flagger's ingressRef, the Ingress of provider nginx (other providers refuse it)", () => {
    const spec = seedSpec();
    spec.provider = 'nginx';
    spec.ingressRef = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      name: 'podinfo',
    };
    const result = validateCanarySpec(spec);
    if (!result.valid)
      throw new Error(result.errors.map(e => e.message).join('; '));
    expect(result.spec.ingressRef).toEqual(spec.ingressRef);
    expect(errorsOf({ ...spec, ingressRef: { kind: 'Ingress' } })).toEqual([
      'ingressRef.name is required',
    ]);
  });

  it('accepts a DaemonSet target, as Flagger releases one (its primary is a DaemonSet too)', () => {
    const spec = seedSpec();
    spec.targetRef.kind = 'DaemonSet';
    delete spec.autoscalerRef;
    const result = validateCanarySpec(spec);
    if (!result.valid)
      throw new Error(result.errors.map(e => e.message).join('; '));
    expect(result.spec.targetRef).toEqual({
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      name: 'podinfo',
    });
  });

  it('accepts a KEDA ScaledObject as autoscalerRef, with primaryScalerQueries and primaryScalerReplicas for its primary copy', () => {
    const spec = seedSpec();
    spec.autoscalerRef = {
      apiVersion: 'keda.sh/v1alpha1',
      kind: 'ScaledObject',
      name: 'podinfo-so',
      primaryScalerQueries: {
        'prom-query':
          'sum(rate(http_requests_total{app="podinfo-primary"}[2m]))',
      },
      primaryScalerReplicas: { minReplicas: 2, maxReplicas: 5 },
    };
    const result = validateCanarySpec(spec);
    if (!result.valid)
      throw new Error(result.errors.map(e => e.message).join('; '));
    expect(result.spec.autoscalerRef).toEqual(spec.autoscalerRef);
  });

  it('accepts primaryScalerReplicas on a HorizontalPodAutoscaler, as Flagger applies it to both autoscalers', () => {
    const spec = seedSpec();
    spec.autoscalerRef.primaryScalerReplicas = { minReplicas: 3 };
    const result = validateCanarySpec(spec);
    if (!result.valid)
      throw new Error(result.errors.map(e => e.message).join('; '));
    expect(result.spec.autoscalerRef?.primaryScalerReplicas).toEqual({
      minReplicas: 3,
    });
  });

  it('accepts ready thresholds from 0 to 100 percent and leaves them unset when not written (the engine reads 100, as Flagger)', () => {
    const spec = seedSpec();
    spec.analysis.primaryReadyThreshold = 0;
    spec.analysis.canaryReadyThreshold = 50;
    const result = validateCanarySpec(spec);
    if (!result.valid)
      throw new Error(result.errors.map(e => e.message).join('; '));
    expect(result.spec.analysis.primaryReadyThreshold).toBe(0);
    expect(result.spec.analysis.canaryReadyThreshold).toBe(50);
    const unset = validateCanarySpec(seedSpec());
    if (!unset.valid) throw new Error('unreachable');
    expect(unset.spec.analysis.primaryReadyThreshold).toBeUndefined();
    expect(unset.spec.analysis.canaryReadyThreshold).toBeUndefined();
  });

  it("accepts a refused field at Go's zero value or at the value Vane already honours, as Flagger reads them as unset", () => {
    const spec = seedSpec();
    spec.service.meshName = '';
    spec.service.backends = [];
    spec.analysis.webhooks = [
      {
        name: 'load-test',
        type: '',
        url: 'http://lt/',
        muteAlert: false,
        disableTLS: false,
      },
    ];
    spec.analysis.alerts = [
      {
        name: 'on-call',
        severity: '',
        providerRef: { name: 'on-call', namespace: '' },
      },
    ];
    const result = validateCanarySpec(spec);
    if (!result.valid)
      throw new Error(result.errors.map(e => e.message).join('; '));
    expect(result.spec.analysis.webhooks[0].type).toBe('rollout');
    expect(result.spec.analysis.alerts?.[0].severity).toBe('info');
  });

});
