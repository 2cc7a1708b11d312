import { createMockDirectory } from '@backstage/backend-test-utils';
import { NotAllowedError } from '@backstage/errors';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import type { AppliedCanaryResponse } from '@vane/plugin-canary-common';
import { createApplyAction } from './createApplyAction';

const CANARY_YAML = `apiVersion: delivery.vane.dev/v1alpha1
kind: MetricTemplate
metadata:
  name: reviews-error-budget
  namespace: test
spec:
  query: sum(rate(errors_total[1m]))
---
apiVersion: delivery.vane.dev/v1alpha1
kind: Canary
metadata:
  name: reviews
  namespace: test
spec:
  targetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: reviews
  service:
    port: 9898
  analysis:
    interval: 30s
    threshold: 5
    stepWeight: 20
    maxWeight: 80
`;

const INPUT = {
  entityRef: 'component:default/reviews',
  cluster: 'lab',
  filePath: 'canary/reviews.yaml',
  timeoutSeconds: 5,
};

const state = (
  change: Partial<AppliedCanaryResponse>,
): AppliedCanaryResponse => ({
  cluster: 'lab',
  namespace: 'test',
  name: 'reviews',
  conditions: [],
  specErrors: [],
  ...change,
});

describe('canary:apply', () => {
  const workspace = createMockDirectory();
  const applyCanary = jest.fn();
  const canaryState = jest.fn();
  const action = createApplyAction({
    client: { applyCanary, canaryState },
    pollIntervalMs: 10,
  });
  const context = (input: Record<string, unknown> = INPUT, isDryRun = false) =>
    // createMockActionContext does not pass isDryRun on; the task runner sets it so.
    Object.assign(
      createMockActionContext({
        workspacePath: workspace.path,
        input: input as any,
      }),
      { isDryRun },
    );

  beforeEach(() => {
    workspace.setContent({ canary: { 'reviews.yaml': CANARY_YAML } });
    applyCanary.mockReset();
    canaryState.mockReset();
  });

  it("applies the Canary and its MetricTemplate as the template's user, then waits for Initialized", async () => {
    applyCanary.mockResolvedValue({
      cluster: 'lab',
      namespace: 'test',
      name: 'reviews',
      result: 'created',
      metricTemplate: { name: 'reviews-error-budget', result: 'created' },
    });
    canaryState
      .mockRejectedValueOnce(new Error('not in the cache yet'))
      .mockResolvedValueOnce(state({}))
      .mockResolvedValueOnce(state({ phase: 'Initializing' }))
      .mockResolvedValue(state({ phase: 'Initialized' }));
    const ctx = context();

    await action.handler(ctx as any);

    const [credentials, entityRef, body] = applyCanary.mock.calls[0];
    expect(credentials).toEqual(await ctx.getInitiatorCredentials());
    expect(entityRef).toBe('component:default/reviews');
    expect(body.cluster).toBe('lab');
    expect(body.canary.metadata).toEqual({
      name: 'reviews',
      namespace: 'test',
    });
    expect(body.metricTemplate.metadata.name).toBe('reviews-error-budget');
    expect(canaryState).toHaveBeenCalledTimes(4);
    expect(canaryState).toHaveBeenLastCalledWith(
      credentials,
      'component:default/reviews',
      { cluster: 'lab', namespace: 'test', name: 'reviews' },
    );
    expect(ctx.output).toHaveBeenCalledWith('result', 'created');
    expect(ctx.output).toHaveBeenCalledWith('phase', 'Initialized');
  });

  it("fails with the canary backend's reason when the user does not own the entity, and waits for nothing", async () => {
    applyCanary.mockRejectedValue(
      new NotAllowedError(
        'The canary backend refused POST /entities/component/default/checkout/canaries (HTTP 403): Only owners of component:default/checkout may apply Canaries for it (canary.rollout.update)',
      ),
    );
    await expect(
      action.handler(
        context({ ...INPUT, entityRef: 'component:default/checkout' }) as any,
      ),
    ).rejects.toThrow(
      'Only owners of component:default/checkout may apply Canaries for it',
    );
    expect(canaryState).not.toHaveBeenCalled();
  });

  it("fails with the engine's reason when the Canary fails", async () => {
    applyCanary.mockResolvedValue({ result: 'updated' });
    canaryState.mockResolvedValue(
      state({
        phase: 'Failed',
        reason: 'Canary test/reviews: target Deployment test/reviews not ready',
      }),
    );
    await expect(action.handler(context() as any)).rejects.toThrow(
      'Canary test/reviews in cluster lab failed to initialise: Canary test/reviews: target Deployment test/reviews not ready',
    );
  });

  it('fails when the engine refuses the spec', async () => {
    applyCanary.mockResolvedValue({ result: 'created' });
    canaryState.mockResolvedValue(
      state({
        conditions: [
          {
            type: 'Valid',
            status: 'False',
            reason: 'InvalidSpec',
            message: 'Canary test/reviews: provider istio is not served',
          },
        ],
      }),
    );
    await expect(action.handler(context() as any)).rejects.toThrow(
      'failed to initialise: Canary test/reviews: provider istio is not served',
    );
  });

  it('gives up after its timeout, saying where the Canary got to', async () => {
    applyCanary.mockResolvedValue({ result: 'created' });
    canaryState.mockResolvedValue(
      state({
        phase: 'Initializing',
        reason: 'waiting for test/reviews-primary',
      }),
    );
    await expect(
      action.handler(context({ ...INPUT, timeoutSeconds: 0.2 }) as any),
    ).rejects.toThrow(
      'did not report Initialized within 0.2 s (phase Initializing, reason: waiting for test/reviews-primary)',
    );
  });

  it('does not wait with timeoutSeconds 0', async () => {
    applyCanary.mockResolvedValue({ result: 'unchanged' });
    const ctx = context({ ...INPUT, timeoutSeconds: 0 });
    await action.handler(ctx as any);
    expect(canaryState).not.toHaveBeenCalled();
    expect(ctx.output).toHaveBeenCalledWith('result', 'unchanged');
  });

  it('sends nothing in a dry run', async () => {
    const ctx = context(INPUT, true);
    await action.handler(ctx as any);
    expect(applyCanary).not.toHaveBeenCalled();
    expect(ctx.output).toHaveBeenCalledWith('result', 'dry-run');
  });

  it.each([
    [
      { filePath: 'canary/missing.yaml' },
      undefined,
      'filePath: canary/missing.yaml does not exist in the workspace',
    ],
    [
      {},
      CANARY_YAML.replace('stepWeight: 20', 'stepWeight: 0'),
      'filePath: the Canary in canary/reviews.yaml is not valid: spec.analysis.stepWeight must be between 1 and 100 (got 0)',
    ],
    [
      {},
      CANARY_YAML.replace(
        '    port: 9898',
        '    port: 9898\n    meshName: global',
      ),
      'filePath: the Canary in canary/reviews.yaml is not valid: spec.service.meshName is not supported: it names the mesh of Flagger\'s appmesh router for App Mesh v1beta1; Vane\'s appmesh writes v1beta2, where a namespace joins a mesh by the Mesh\'s namespaceSelector and App Mesh\'s controller sets each object\'s meshRef (Flagger\'s appmesh:v1beta2 ignores it too); label the namespace for its mesh, and remove it (got "global")',
    ],
    [
      {},
      'kind: ConfigMap\n',
      'filePath: canary/reviews.yaml must hold exactly one Canary (found 0)',
    ],
    [{ filePath: '../outside.yaml' }, undefined, /outside|not allowed/i],
  ])(
    'refuses %j (file %j) before sending anything',
    async (change, file, message) => {
      if (file) {
        workspace.setContent({ canary: { 'reviews.yaml': file } });
      }
      await expect(
        action.handler(context({ ...INPUT, ...change }) as any),
      ).rejects.toThrow(message);
      expect(applyCanary).not.toHaveBeenCalled();
    },
  );
});
