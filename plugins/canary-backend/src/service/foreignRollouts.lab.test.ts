import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Lab, startLab, waitFor } from '@vane/mesh-lab';
import request from 'supertest';
import { canaryPlugin } from '../plugin';
import { LabCluster } from '../testing/LabCluster';
import {
  argoAnalysisRun,
  argoReplicaSet,
  argoRollout,
  flaggerCanary,
} from './__testUtils__/foreignRolloutObjects';
import { ownerOnlyPermissions } from './__testUtils__/ownerOnlyPermissions';
import { componentEntity } from './__testUtils__/rolloutObjects';

// Rollouts Vane does not drive, end to end: an Argo Rollout and a Flagger Canary written into the
// mesh lab's real API server as their controllers write them (neither controller runs in the
// lab), read through the real canary plugin's HTTP API, and acted on by an owner. The actions
// are judged by the objects the API server holds afterwards; between two actions the test writes
// the status the controller would have written.
jest.setTimeout(5 * 60_000);

const STABLE = 'ghcr.io/stefanprodan/podinfo:6.0.0';
const NEXT = 'ghcr.io/stefanprodan/podinfo:6.1.0';
const ARGO_NS = 'argo';
const FLAGGER_NS = 'flagger';
const OWNER = 'user:default/owner';
const STRANGER = 'user:default/stranger';
const ROLLOUT = [
  'argoproj.io/v1alpha1',
  'Rollout',
  ARGO_NS,
  'ratings',
] as const;
const FLAGGER = [
  'flagger.app/v1beta1',
  'Canary',
  FLAGGER_NS,
  'search',
] as const;

describe('Argo Rollouts and Flagger Canaries in the portal API, against the mesh lab', () => {
  let lab: Lab | undefined;
  let backend: Awaited<ReturnType<typeof startTestBackend>> | undefined;
  let cluster: LabCluster;

  afterAll(async () => {
    await backend?.stop();
    await lab?.stop();
  });

  const as = (user: string) => mockCredentials.user.header(user);
  const get = (path: string) =>
    request(backend!.server)
      .get(`/api/canary${path}`)
      .set('Authorization', as(OWNER));
  const act = (
    entity: string,
    namespace: string,
    name: string,
    action: string,
    user = OWNER,
  ) =>
    request(backend!.server)
      .post(
        `/api/canary/entities/component/default/${entity}/rollouts/lab/${namespace}/${name}/${action}`,
      )
      .set('Authorization', as(user));
  const argo = (action: string, user?: string) =>
    act('ratings', ARGO_NS, 'ratings', action, user);
  const flagger = (action: string, user?: string) =>
    act('search', FLAGGER_NS, 'search', action, user);
  const stored = () => cluster.get(...ROLLOUT);
  /** Writes the Rollout's status as Argo's controller would, having observed its spec. */
  const controllerWrites = async (status: Record<string, unknown>) => {
    const rollout = await stored();
    await cluster.patchStatus(...ROLLOUT, {
      observedGeneration: String(rollout.metadata.generation),
      ...status,
    });
  };

  /** Polls an entity's rollouts until `check` holds of its one rollout; returns it. */
  async function rolloutUntil(
    entity: string,
    description: string,
    check: (rollout: any) => boolean,
  ) {
    let body: any;
    await waitFor(
      description,
      async () => {
        const res = await get(`/entities/component/default/${entity}/rollouts`);
        body = res.body;
        return (
          res.status === 200 && body.items?.length === 1 && check(body.items[0])
        );
      },
      { timeoutMs: 60_000, observe: () => JSON.stringify(body) },
    );
    return body.items[0];
  }

  it('shows an Argo Rollout paused at a step and a Flagger Canary mid-analysis, with their steps and state, on their entities and the team overview', async () => {
    lab = await startLab({ readyDelayMs: 300 });
    cluster = new LabCluster(lab);
    for (const name of [ARGO_NS, FLAGGER_NS]) {
      await cluster.apply({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name },
      });
    }

    // ratings: revision b2 (NEXT) rolls out over stable a1 (STABLE) in four steps; the controller
    // has set weight 20 (one canary pod of four) and paused at the second step.
    await cluster.apply(
      argoRollout({
        namespace: ARGO_NS,
        name: 'ratings',
        image: NEXT,
        replicas: 4,
        steps: [
          { setWeight: 20 },
          { pause: {} },
          { setWeight: 60 },
          { pause: { duration: '10s' } },
        ],
      }),
    );
    const rollout = await stored();
    await cluster.apply(
      argoReplicaSet({
        rollout,
        hash: 'a1',
        revision: 1,
        image: STABLE,
        replicas: 3,
      }),
    );
    await cluster.apply(
      argoReplicaSet({
        rollout,
        hash: 'b2',
        revision: 2,
        image: NEXT,
        replicas: 1,
      }),
    );
    await cluster.apply(
      argoAnalysisRun({
        rollout,
        hash: 'b2',
        revision: 2,
        successRates: ['[0.97]', '[0.99]'],
      }),
    );
    await controllerWrites({
      phase: 'Paused',
      message: 'CanaryPauseStep',
      currentPodHash: 'b2',
      stableRS: 'a1',
      currentStepIndex: 1,
      controllerPause: true,
      pauseConditions: [
        { reason: 'CanaryPauseStep', startTime: '2026-03-01T10:05:00Z' },
      ],
      replicas: 4,
      updatedReplicas: 1,
      readyReplicas: 4,
      availableReplicas: 4,
      conditions: [
        {
          type: 'Paused',
          status: 'True',
          reason: 'RolloutPaused',
          message: 'Rollout is paused',
          lastUpdateTime: '2026-03-01T10:05:00Z',
          lastTransitionTime: '2026-03-01T10:05:00Z',
        },
      ],
    });

    // search: Flagger's primary runs STABLE, the target NEXT at weight 30 after one failed check.
    for (const [name, image] of [
      ['search', NEXT],
      ['search-primary', STABLE],
    ]) {
      await cluster.apply({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { namespace: FLAGGER_NS, name, labels: { app: name } },
        spec: {
          replicas: 1,
          selector: { matchLabels: { app: name } },
          template: {
            metadata: { labels: { app: name } },
            spec: { containers: [{ name: 'search', image }] },
          },
        },
      });
    }
    await cluster.apply(flaggerCanary(FLAGGER_NS, 'search'));
    await cluster.patchStatus(...FLAGGER, {
      phase: 'Progressing',
      canaryWeight: 30,
      failedChecks: 1,
      iterations: 0,
      lastTransitionTime: '2026-03-01T10:03:00Z',
      conditions: [
        {
          type: 'Promoted',
          status: 'Unknown',
          reason: 'Progressing',
          message: 'New revision detected, progressing canary analysis.',
          lastUpdateTime: '2026-03-01T10:03:00Z',
          lastTransitionTime: '2026-03-01T10:00:00Z',
        },
      ],
    });
    // An Event as Flagger's recorder writes it.
    await cluster.apply({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { namespace: FLAGGER_NS, name: 'search.1800000000000001' },
      involvedObject: {
        apiVersion: 'flagger.app/v1beta1',
        kind: 'Canary',
        namespace: FLAGGER_NS,
        name: 'search',
      },
      reason: 'Synced',
      message: 'Advance search.flagger canary weight 30',
      type: 'Normal',
      source: { component: 'flagger' },
      firstTimestamp: '2026-03-01T10:03:00Z',
      lastTimestamp: '2026-03-01T10:03:00Z',
      count: 1,
    });

    backend = await startTestBackend({
      features: [
        canaryPlugin,
        mockServices.rootConfig.factory({
          data: {
            canary: {
              clusters: [{ ...lab.clusterConfig('lab') }],
              engine: { leaseDurationSeconds: 6 },
            },
          },
        }),
        catalogServiceMock.factory({
          entities: [
            // Linked by the label on the Rollout itself.
            componentEntity('ratings', 'group:default/team-a', {
              'backstage.io/kubernetes-id': 'ratings',
            }),
            // Named by the annotation for rollouts Vane does not drive.
            componentEntity('search', 'group:default/team-a', {
              'vane.dev/rollout': `${FLAGGER_NS}/search`,
            }),
          ],
        }),
        ownerOnlyPermissions(OWNER),
      ],
    });

    // The actual weight is the canary ReplicaSet's share of the available pods: 1 of 4, once the
    // lab's controller-manager has them running.
    const ratings = await rolloutUntil(
      'ratings',
      'the Argo Rollout with its canary pod available (actual weight 25)',
      r => r.argoRollouts?.actualWeight === 25,
    );
    expect(ratings).toMatchObject({
      cluster: 'lab',
      namespace: ARGO_NS,
      name: 'ratings',
      entityRef: 'component:default/ratings',
      controller: 'argo-rollouts',
      spec: { strategy: 'canary', steps: [20, 60] },
      status: {
        phase: 'Paused',
        reason: 'CanaryPauseStep',
        canaryWeight: 25,
        lastTransitionTime: '2026-03-01T10:05:00Z',
        conditions: [
          { type: 'Paused', status: 'True', reason: 'RolloutPaused' },
        ],
      },
      images: {
        primary: [{ container: 'ratings', image: STABLE }],
        canary: [{ container: 'ratings', image: NEXT }],
      },
    });
    expect(ratings.argoRollouts).toMatchObject({
      strategy: 'canary',
      steps: [
        { kind: 'setWeight', description: 'setWeight: 20', setWeight: 20 },
        { kind: 'pause', description: 'pause' },
        { kind: 'setWeight', description: 'setWeight: 60', setWeight: 60 },
        { kind: 'pause', description: 'pause: 10s', pauseDuration: '10s' },
      ],
      currentStepIndex: 1,
      setWeight: 20,
      actualWeight: 25,
      paused: false,
      aborted: false,
      pauseConditions: [
        { reason: 'CanaryPauseStep', startTime: '2026-03-01T10:05:00Z' },
      ],
      analysisRuns: [
        {
          name: 'ratings-b2-2',
          phase: 'Running',
          revision: 2,
          metrics: [
            {
              name: 'success-rate',
              successCondition: 'result[0] >= 0.95',
              count: 2,
              successful: 2,
              failed: 0,
              lastValue: '[0.99]',
              lastPhase: 'Successful',
            },
          ],
        },
      ],
    });

    const search = await rolloutUntil(
      'search',
      'the Flagger Canary with its event',
      r =>
        r.events.some(
          (e: any) => e.message === 'Advance search.flagger canary weight 30',
        ),
    );
    expect(search).toMatchObject({
      namespace: FLAGGER_NS,
      name: 'search',
      controller: 'flagger',
      provider: 'istio',
      spec: {
        strategy: 'canary',
        steps: [10, 20, 30, 40, 50],
        threshold: 5,
        suspend: false,
      },
      status: {
        phase: 'Progressing',
        canaryWeight: 30,
        failedChecks: 1,
        reason: 'New revision detected, progressing canary analysis.',
        lastTransitionTime: '2026-03-01T10:03:00Z',
      },
      images: {
        primary: [{ container: 'search', image: STABLE }],
        canary: [{ container: 'search', image: NEXT }],
      },
    });

    // The release overview lists both for their team, each with its controller.
    const overview = await get('/rollouts?owner=group:default/team-a');
    expect(overview.status).toBe(200);
    expect(
      overview.body.items.map(
        (r: any) =>
          `${r.controller} ${r.namespace}/${r.name} ${r.status.phase}`,
      ),
    ).toEqual([
      'argo-rollouts argo/ratings Paused',
      'flagger flagger/search Progressing',
    ]);
    expect(
      (
        await get('/rollouts?owner=group:default/team-a&phase=Paused')
      ).body.items.map((r: any) => r.name),
    ).toEqual(['ratings']);
  });

  it("refuses a non-owner's actions with 403 and writes nothing", async () => {
    const before = await stored();
    const canaryBefore = await cluster.get(...FLAGGER);
    for (const action of ['promote', 'abort', 'restart']) {
      const res = await argo(action, STRANGER);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe(
        `Only owners of component:default/ratings may ${action} its rollouts (canary.rollout.update)`,
      );
    }
    expect((await flagger('pause', STRANGER)).status).toBe(403);
    expect((await stored()).metadata.resourceVersion).toBe(
      before.metadata.resourceVersion,
    );
    expect((await cluster.get(...FLAGGER)).metadata.resourceVersion).toBe(
      canaryBefore.metadata.resourceVersion,
    );
    const events = await cluster.list('v1', 'Event', ARGO_NS);
    expect(events.filter(e => e.involvedObject?.kind === 'Rollout')).toEqual(
      [],
    );
  });

  it('writes on the Rollout the patches kubectl argo rollouts writes: promote, promote --full, pause, resume, abort, retry, restart', async () => {
    // promote at the pause step: the pause conditions go (status subresource); the step index
    // stays for the controller to move on.
    const promoted = await argo('promote');
    expect(promoted.status).toBe(202);
    expect(promoted.body).toEqual({
      action: 'promote',
      canary: `lab/${ARGO_NS}/ratings`,
      controller: 'argo-rollouts',
      message: `Promoted by ${OWNER}`,
    });
    let object = await stored();
    expect(object.status.pauseConditions).toBeUndefined();
    expect(object.status.currentStepIndex).toBe(1);
    expect(object.spec.paused).toBeUndefined();

    // The controller moves on to setWeight 60 and waits for the weight.
    await controllerWrites({
      phase: 'Progressing',
      message: 'more replicas need to be updated',
      controllerPause: false,
      currentStepIndex: 2,
    });
    await rolloutUntil(
      'ratings',
      'the Rollout at step 2',
      r => r.argoRollouts.currentStepIndex === 2,
    );
    // promote mid-step: the next step index, through the status subresource.
    expect((await argo('promote')).status).toBe(202);
    object = await stored();
    expect(object.status.currentStepIndex).toBe(3);

    // pause: spec.paused, on the Rollout itself (its generation moves on).
    const generation = object.metadata.generation;
    expect((await argo('pause')).status).toBe(202);
    object = await stored();
    expect(object.spec.paused).toBe(true);
    expect(object.metadata.generation).toBe(generation + 1);
    await controllerWrites({ phase: 'Paused', message: 'manually paused' });
    await rolloutUntil(
      'ratings',
      'the Rollout manually paused',
      r => r.argoRollouts.paused,
    );
    expect((await argo('pause')).status).toBe(409);

    // resume: spec.paused back to false, the step index untouched.
    expect((await argo('resume')).status).toBe(202);
    object = await stored();
    expect(object.spec.paused).toBe(false);
    expect(object.status.currentStepIndex).toBe(3);
    await controllerWrites({
      phase: 'Progressing',
      message: 'waiting for all steps to complete',
    });
    await rolloutUntil(
      'ratings',
      'the resumed Rollout progressing',
      r => r.status.phase === 'Progressing' && !r.argoRollouts.paused,
    );

    // promote --full: status.promoteFull (the desired revision is not the stable one).
    expect((await argo('promote-full')).status).toBe(202);
    object = await stored();
    expect(object.status.promoteFull).toBe(true);

    // abort: status.abort; the controller then reports the rollout Degraded.
    expect((await argo('abort')).status).toBe(202);
    object = await stored();
    expect(object.status.abort).toBe(true);
    await controllerWrites({
      phase: 'Degraded',
      message: 'RolloutAborted: Rollout aborted update to revision 2',
      promoteFull: null,
      currentStepIndex: 0,
    });
    const degraded = await rolloutUntil(
      'ratings',
      'the aborted Rollout Degraded',
      r => r.status.phase === 'Degraded',
    );
    expect(degraded.argoRollouts).toMatchObject({
      aborted: true,
      setWeight: 0,
    });
    expect((await argo('abort')).status).toBe(409);

    // retry: status.abort back to false.
    expect((await argo('retry')).status).toBe(202);
    object = await stored();
    expect(object.status.abort).toBe(false);

    // restart: spec.restartAt, now in whole seconds.
    const before = Math.floor(Date.now() / 1000) * 1000;
    expect((await argo('restart')).status).toBe(202);
    object = await stored();
    expect(object.spec.restartAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(Date.parse(object.spec.restartAt)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(object.spec.restartAt)).toBeLessThanOrEqual(Date.now());

    // Each action is an Event on the Rollout with the user, and in the entity's history.
    const events = (await cluster.list('v1', 'Event', ARGO_NS)).filter(
      e =>
        e.involvedObject?.kind === 'Rollout' &&
        e.involvedObject.name === 'ratings',
    );
    expect(events.map(e => e.message)).toEqual(
      expect.arrayContaining([
        `Promoted by ${OWNER} in the portal`,
        `Paused by ${OWNER} in the portal`,
        `Aborted by ${OWNER}: back to the stable version in the portal`,
        `Pods restarted by ${OWNER} in the portal`,
      ]),
    );
    const history = await get('/history?entity=component:default/ratings');
    expect(history.status).toBe(200);
    expect(history.body.items).toEqual([]);
    expect(
      history.body.otherControllerActions.map(
        (a: any) => `${a.controller} ${a.action} ${a.user}`,
      ),
    ).toEqual([
      `argo-rollouts restart ${OWNER}`,
      `argo-rollouts retry ${OWNER}`,
      `argo-rollouts abort ${OWNER}`,
      `argo-rollouts promote-full ${OWNER}`,
      `argo-rollouts resume ${OWNER}`,
      `argo-rollouts pause ${OWNER}`,
      `argo-rollouts promote ${OWNER}`,
      `argo-rollouts promote ${OWNER}`,
    ]);
  });

  it('suspends and resumes the Flagger Canary through spec.suspend, and refuses what Flagger has no API for', async () => {
    const paused = await flagger('pause');
    expect(paused.status).toBe(202);
    expect(paused.body.message).toBe(`Suspended by ${OWNER}`);
    expect((await cluster.get(...FLAGGER)).spec.suspend).toBe(true);
    await rolloutUntil(
      'search',
      'the suspended Flagger Canary',
      r => r.spec.suspend === true,
    );
    expect((await flagger('pause')).status).toBe(409);

    expect((await flagger('resume')).status).toBe(202);
    expect((await cluster.get(...FLAGGER)).spec.suspend).toBe(false);

    const before = (await cluster.get(...FLAGGER)).metadata.resourceVersion;
    const promote = await flagger('promote');
    expect(promote.status).toBe(400);
    expect(promote.body.error.message).toContain(
      "Flagger has no API to promote a Canary: the portal can only suspend and resume it (spec.suspend); promote, abort and approve it through Flagger's manual gating webhooks",
    );
    expect((await cluster.get(...FLAGGER)).metadata.resourceVersion).toBe(
      before,
    );
    const events = (await cluster.list('v1', 'Event', FLAGGER_NS)).map(
      e => e.message,
    );
    expect(events).toEqual(
      expect.arrayContaining([
        `Suspended by ${OWNER} in the portal`,
        `Resumed by ${OWNER} in the portal`,
      ]),
    );
  });
});
