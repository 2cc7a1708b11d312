import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import type { ClustersResponse } from '@vane/plugin-canary-common';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { createManifestCreateAction } from './createManifestCreateAction';

const CLUSTERS: ClustersResponse = {
  items: [
    {
      name: 'lab',
      available: true,
      meshProviders: ['istio', 'gatewayapi', 'kubernetes'],
      defaultProvider: 'istio',
    },
    {
      name: 'edge',
      available: false,
      error: 'Cluster edge: connect ECONNREFUSED',
      meshProviders: [],
    },
  ],
};

const BASE = {
  entityRef: 'component:default/reviews',
  cluster: 'lab',
  namespace: 'test',
  targetDeployment: 'reviews',
  port: 9898,
  strategy: 'canary',
  stepWeight: 20,
  maxWeight: 80,
  interval: '30s',
  threshold: 5,
  successRateMin: 99,
  latencyMaxMs: 500,
};

describe('canary:manifest:create', () => {
  const workspace = createMockDirectory();
  const clusters = jest.fn(async () => CLUSTERS);
  const action = createManifestCreateAction({ client: { clusters } });
  const run = async (input: Record<string, unknown>) => {
    const ctx = createMockActionContext({
      workspacePath: workspace.path,
      input: input as any,
    });
    await action.handler(ctx as any);
    return ctx;
  };
  const read = (file = 'canary/reviews.yaml') =>
    fs.readFileSync(path.join(workspace.path, file), 'utf8');
  const written = (file?: string) =>
    parseAllDocuments(read(file)).map(d => d.toJS());

  beforeEach(() => {
    workspace.clear();
    clusters.mockClear();
  });

  it("writes a canary release at 20% steps up to 80%, routed by the cluster's discovered mesh", async () => {
    const ctx = await run(BASE);

    const [canary] = written();
    expect(canary).toEqual({
      apiVersion: 'delivery.vane.dev/v1alpha1',
      kind: 'Canary',
      metadata: { name: 'reviews', namespace: 'test' },
      spec: {
        provider: 'istio',
        targetRef: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: 'reviews',
        },
        revertOnDeletion: true,
        service: { port: 9898 },
        analysis: {
          interval: '30s',
          threshold: 5,
          stepWeight: 20,
          maxWeight: 80,
          metrics: [
            {
              name: 'request-success-rate',
              thresholdRange: { min: 99 },
              interval: '30s',
            },
            {
              name: 'request-duration',
              thresholdRange: { max: 500 },
              interval: '30s',
            },
          ],
        },
      },
    });
    expect(clusters).toHaveBeenCalledTimes(1);
    expect(ctx.output).toHaveBeenCalledWith('filePath', 'canary/reviews.yaml');
    expect(ctx.output).toHaveBeenCalledWith('annotation', 'test/reviews');
    expect(ctx.output).toHaveBeenCalledWith('provider', 'istio');
    expect(ctx.output).toHaveBeenCalledWith('manifest', read());
  });

  it('writes an A/B test with a header match, manual gates served by Vane and a load test', async () => {
    await run({
      ...BASE,
      strategy: 'ab',
      stepWeight: undefined,
      maxWeight: undefined,
      iterations: 10,
      provider: 'gatewayapi',
      manualGates: ['confirm-rollout', 'confirm-promotion'],
      loadTestUrl: 'http://127.0.0.1:8787/',
      loadTestCommand: 'hey -z 1m -q 10 -c 2 http://reviews-canary.test:9898/',
    });
    const [canary] = written();
    expect(canary.spec.provider).toBe('gatewayapi');
    expect(canary.spec.analysis).toMatchObject({
      iterations: 10,
      match: [{ headers: { 'x-canary': { exact: 'insider' } } }],
      webhooks: [
        {
          name: 'approve-confirm-rollout',
          type: 'confirm-rollout',
          url: 'vane://approval',
        },
        {
          name: 'approve-confirm-promotion',
          type: 'confirm-promotion',
          url: 'vane://approval',
        },
        {
          name: 'load-test',
          type: 'rollout',
          url: 'http://127.0.0.1:8787/',
          metadata: {
            type: 'cmd',
            cmd: 'hey -z 1m -q 10 -c 2 http://reviews-canary.test:9898/',
          },
        },
      ],
    });
    expect(canary.spec.analysis.stepWeight).toBeUndefined();
  });

  it("writes Argo Rollouts' steps as written for the steps strategy, with no Flagger weights beside them", async () => {
    const steps = [
      { setWeight: 50 },
      { pause: { duration: '10m' } },
      { setWeight: 80 },
      { pause: {} },
    ];
    await run({
      ...BASE,
      strategy: 'steps',
      stepWeight: undefined,
      maxWeight: undefined,
      steps,
    });
    const [canary] = written();
    expect(canary.spec.analysis).toEqual({
      interval: '30s',
      threshold: 5,
      steps,
      metrics: [
        {
          name: 'request-success-rate',
          thresholdRange: { min: 99 },
          interval: '30s',
        },
        {
          name: 'request-duration',
          thresholdRange: { max: 500 },
          interval: '30s',
        },
      ],
    });
  });

  it('writes a MetricTemplate for a custom query before the Canary that references it', async () => {
    await run({
      ...BASE,
      stepWeight: undefined,
      maxWeight: undefined,
      stepWeights: [5, 10, 25, 50],
      customMetric: {
        name: 'error-budget',
        query: 'sum(rate(errors_total{namespace="{{ namespace }}"}[1m]))',
        max: 1,
      },
    });
    const [template, canary] = written();
    expect(template).toEqual({
      apiVersion: 'delivery.vane.dev/v1alpha1',
      kind: 'MetricTemplate',
      metadata: { name: 'reviews-error-budget', namespace: 'test' },
      spec: {
        provider: { type: 'prometheus' },
        query: 'sum(rate(errors_total{namespace="{{ namespace }}"}[1m]))',
      },
    });
    expect(canary.spec.analysis.stepWeights).toEqual([5, 10, 25, 50]);
    expect(canary.spec.analysis.metrics[2]).toEqual({
      name: 'error-budget',
      templateRef: { name: 'reviews-error-budget', namespace: 'test' },
      thresholdRange: { max: 1 },
      interval: '30s',
    });
  });

  it('writes no custom check for a form whose custom check was left empty', async () => {
    await run({ ...BASE, customMetric: { name: ' ', query: '' } });
    const [canary, ...rest] = written();
    expect(rest).toEqual([]);
    expect(canary.kind).toBe('Canary');
    expect(
      canary.spec.analysis.metrics.map((m: { name: string }) => m.name),
    ).toEqual(['request-success-rate', 'request-duration']);
  });

  it.each([
    [
      { name: 'error-budget' },
      'customMetric.query: is required with customMetric.name (error-budget)',
    ],
    [{ query: 'up' }, 'customMetric.name: is required with customMetric.query'],
  ])(
    'refuses a custom check with only one of name and query (%j)',
    async (customMetric, message) => {
      await expect(run({ ...BASE, customMetric })).rejects.toThrow(message);
      expect(workspace.content()).toEqual({});
    },
  );

  it.each([
    [
      { stepWeight: 0 },
      'stepWeight: spec.analysis.stepWeight must be between 1 and 100 (got 0)',
    ],
    [
      { stepWeight: 90, maxWeight: 80 },
      'stepWeight: spec.analysis.stepWeight must not exceed analysis.maxWeight (80)',
    ],
    [
      { stepWeight: undefined, maxWeight: undefined, stepWeights: [10, 5] },
      'stepWeights: spec.analysis.stepWeights[1] must be greater than the step before it (10)',
    ],
    [
      { interval: 'soon' },
      'interval: spec.analysis.interval must be a duration',
    ],
    [{ threshold: 0 }, 'threshold: spec.analysis.threshold must be at least 1'],
    [
      { targetDeployment: 'Reviews_v2' },
      'targetDeployment: spec.targetRef.name must be a Kubernetes object name',
    ],
    [
      { strategy: 'bluegreen', stepWeight: undefined, maxWeight: undefined },
      'stepWeight: spec.analysis.stepWeight or stepWeights is required for a canary release; set iterations instead',
    ],
    [
      {
        strategy: 'steps',
        stepWeight: undefined,
        maxWeight: undefined,
        steps: [{ setWeight: 50 }, { pause: { duration: '10 minutes' } }],
      },
      'steps: spec.analysis.steps[1].pause.duration must be a duration such as 30s, 10m or 1h30m, or a whole number of seconds',
    ],
    [
      { strategy: 'steps', stepWeight: undefined, maxWeight: undefined },
      "steps: is required with strategy steps: Argo Rollouts' steps in order",
    ],
    [
      {
        loadTestUrl: 'ftp://loadtester/',
        loadTestCommand: 'hey -z 1m http://x/',
      },
      'loadTestUrl: spec.analysis.webhooks[0].url must be an http or https URL',
    ],
    [
      { loadTestUrl: 'http://127.0.0.1:8787/' },
      'loadTestCommand: is required with loadTestUrl',
    ],
    [
      { cluster: 'nowhere' },
      'cluster: the canary backend knows no cluster "nowhere" (known: lab, edge)',
    ],
    [
      { provider: 'smi' },
      'provider: cluster lab serves no smi routing; choose one of istio, gatewayapi, kubernetes',
    ],
    [
      { cluster: 'edge' },
      'provider: cluster edge cannot report its mesh now (Cluster edge: connect ECONNREFUSED)',
    ],
  ])(
    'refuses %j with an error that names the input, and writes nothing',
    async (change, message) => {
      await expect(run({ ...BASE, ...change })).rejects.toThrow(message);
      expect(workspace.content()).toEqual({});
    },
  );

  it('reports every broken rule at once', async () => {
    await expect(
      run({ ...BASE, stepWeight: 0, threshold: 0, port: 70000 }),
    ).rejects.toThrow(
      /port: spec\.service\.port must be between 1 and 65535 \(got 70000\).*threshold: .*stepWeight: /,
    );
  });

  it('writes in a dry run too, so the template editor shows the manifest', async () => {
    const ctx = Object.assign(
      createMockActionContext({
        workspacePath: workspace.path,
        input: BASE as any,
      }),
      { isDryRun: true },
    );
    await action.handler(ctx as any);
    expect(written()[0].metadata.name).toBe('reviews');
    expect(action.supportsDryRun).toBe(true);
  });
});
