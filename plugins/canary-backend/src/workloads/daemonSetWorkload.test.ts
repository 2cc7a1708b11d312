import { computeRevision } from './computeRevision';
import { daemonSetWorkload } from './daemonSetWorkload';

const OWNER = {
  apiVersion: 'delivery.vane.dev/v1alpha1',
  kind: 'Canary',
  name: 'node-agent',
  uid: 'uid-1',
  controller: true,
  blockOwnerDeletion: true,
};

/** A node agent released as a DaemonSet, as the API server returns it (strategy defaulted). */
function nodeAgent(
  nodeSelector?: Record<string, string>,
  image = 'ghcr.io/stefanprodan/podinfo:6.0.0',
) {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: {
      name: 'node-agent',
      namespace: 'test',
      labels: { app: 'node-agent', team: 'infra' },
      generation: 1,
    },
    spec: {
      selector: { matchLabels: { app: 'node-agent' } },
      updateStrategy: {
        type: 'RollingUpdate',
        rollingUpdate: { maxUnavailable: 1 },
      },
      minReadySeconds: 5,
      revisionHistoryLimit: 10,
      template: {
        metadata: { labels: { app: 'node-agent' } },
        spec: {
          ...(nodeSelector ? { nodeSelector } : {}),
          containers: [
            {
              name: 'agent',
              image,
              envFrom: [{ configMapRef: { name: 'agent-env' } }],
            },
          ],
        },
      },
    },
    status: {
      observedGeneration: 1,
      desiredNumberScheduled: 1,
      updatedNumberScheduled: 1,
      numberAvailable: 1,
    },
  };
}

describe('daemonSetWorkload', () => {
  it('builds node-agent-primary as a DaemonSet: selector and labels suffixed, configs pointed at their copies, the update strategy and minReadySeconds of the target', () => {
    expect(
      daemonSetWorkload.buildPrimary({
        target: nodeAgent(),
        primaryName: 'node-agent-primary',
        revision: 'rev-1',
        owner: OWNER,
      }),
    ).toEqual({
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: {
        name: 'node-agent-primary',
        namespace: 'test',
        labels: { app: 'node-agent-primary', team: 'infra' },
        annotations: { 'delivery.vane.dev/revision': 'rev-1' },
        ownerReferences: [OWNER],
      },
      spec: {
        updateStrategy: {
          type: 'RollingUpdate',
          rollingUpdate: { maxUnavailable: 1 },
        },
        minReadySeconds: 5,
        selector: { matchLabels: { app: 'node-agent-primary' } },
        template: {
          metadata: { labels: { app: 'node-agent-primary' } },
          spec: {
            containers: [
              {
                name: 'agent',
                image: 'ghcr.io/stefanprodan/podinfo:6.0.0',
                envFrom: [{ configMapRef: { name: 'agent-env-primary' } }],
              },
            ],
          },
        },
      },
    });
  });

  it('given a target scaled to zero (by Vane or by Flagger), builds a primary that runs on every node: the scale-to-zero selector is not copied, the others are', () => {
    const primary: any = daemonSetWorkload.buildPrimary({
      target: nodeAgent({
        'delivery.vane.dev/scale-to-zero': 'true',
        'flagger.app/scale-to-zero': 'true',
        'kubernetes.io/os': 'linux',
      }),
      primaryName: 'node-agent-primary',
      revision: 'rev-1',
      owner: OWNER,
    });
    expect(primary.spec.template.spec.nodeSelector).toEqual({
      'kubernetes.io/os': 'linux',
    });
  });

  it('refuses a target updated OnDelete, as Flagger does: a promotion would never reach its pods', () => {
    const target: any = nodeAgent();
    target.spec.updateStrategy = { type: 'OnDelete' };
    expect(() =>
      daemonSetWorkload.buildPrimary({
        target,
        primaryName: 'node-agent-primary',
        revision: 'rev-1',
        owner: OWNER,
      }),
    ).toThrow(
      "DaemonSet node-agent.test must have the RollingUpdate update strategy to be released (got OnDelete): with OnDelete a promotion never reaches the primary's pods",
    );
  });

  it("scales the target to zero by a node selector no node matches, and up again by removing it (Flagger's too); writes nothing when it is there already", () => {
    expect(daemonSetWorkload.scaling(nodeAgent(), 'zero', undefined)).toEqual({
      spec: {
        template: {
          spec: {
            nodeSelector: { 'delivery.vane.dev/scale-to-zero': 'true' },
          },
        },
      },
    });
    const scaledDown = nodeAgent({ 'delivery.vane.dev/scale-to-zero': 'true' });
    expect(
      daemonSetWorkload.scaling(scaledDown, 'zero', undefined),
    ).toBeUndefined();
    expect(daemonSetWorkload.scaling(scaledDown, 'up', undefined)).toEqual({
      spec: {
        template: {
          spec: { nodeSelector: { 'delivery.vane.dev/scale-to-zero': null } },
        },
      },
    });
    expect(
      daemonSetWorkload.scaling(
        nodeAgent({ 'flagger.app/scale-to-zero': 'true' }),
        'up',
        undefined,
      ),
    ).toEqual({
      spec: {
        template: {
          spec: { nodeSelector: { 'flagger.app/scale-to-zero': null } },
        },
      },
    });
    expect(
      daemonSetWorkload.scaling(nodeAgent(), 'up', undefined),
    ).toBeUndefined();
  });

  it('keeps the revision of a target when it is scaled to zero and up: the selector is not part of the release', () => {
    const revision = (target: any) =>
      computeRevision(daemonSetWorkload.releasedTemplate(target), []);
    const released = revision(nodeAgent());
    expect(
      revision(nodeAgent({ 'delivery.vane.dev/scale-to-zero': 'true' })),
    ).toBe(released);
    expect(
      revision(
        nodeAgent(
          { 'delivery.vane.dev/scale-to-zero': 'true' },
          'ghcr.io/stefanprodan/podinfo:6.1.0',
        ),
      ),
    ).not.toBe(released);
    expect(revision(nodeAgent({ 'kubernetes.io/os': 'linux' }))).not.toBe(
      released,
    );
  });

  it("promotes the target's template (without the scale-to-zero selector) and its update settings to the primary", () => {
    const target: any = nodeAgent(
      { 'delivery.vane.dev/scale-to-zero': 'true' },
      'ghcr.io/stefanprodan/podinfo:6.1.0',
    );
    delete target.spec.minReadySeconds;
    expect(daemonSetWorkload.promotion(target, 'rev-2')).toEqual({
      metadata: { annotations: { 'delivery.vane.dev/revision': 'rev-2' } },
      spec: {
        minReadySeconds: null,
        updateStrategy: {
          type: 'RollingUpdate',
          rollingUpdate: { maxUnavailable: 1 },
        },
        template: {
          metadata: { labels: { app: 'node-agent-primary' } },
          spec: {
            containers: [
              {
                name: 'agent',
                image: 'ghcr.io/stefanprodan/podinfo:6.1.0',
                envFrom: [{ configMapRef: { name: 'agent-env-primary' } }],
              },
            ],
          },
        },
      },
    });
  });

  it('counts its pods from the DaemonSet status, the ready threshold a percentage of its desired pods', () => {
    expect(
      daemonSetWorkload.pods({
        ...nodeAgent(),
        status: {
          observedGeneration: 1,
          desiredNumberScheduled: 4,
          currentNumberScheduled: 4,
          updatedNumberScheduled: 3,
          numberAvailable: 2,
          numberReady: 2,
        },
      }),
    ).toEqual({
      kind: 'DaemonSet',
      specObserved: true,
      scaledToZero: false,
      desired: 4,
      updated: 3,
      old: 0,
      available: 2,
      thresholdOf: 4,
    });
  });
});
