import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  BatchResult,
  Lab,
  podinfoObjects,
  startLab,
  waitFor,
} from '@vane/mesh-lab';
import request from 'supertest';
import { canaryPlugin } from '../../plugin';
import { componentEntity } from '../../service/__testUtils__/rolloutObjects';
import { LabCluster } from '../../testing/LabCluster';
import {
  CanaryState,
  recordCanaryProgress,
} from '../../testing/recordCanaryProgress';
import { recordSamples } from '../../testing/recordSamples';

export const MESH_LAB_IMAGES = {
  good: 'ghcr.io/stefanprodan/podinfo:6.0.0',
  next: 'ghcr.io/stefanprodan/podinfo:6.1.0',
  /** Half of its answers are 500s: the success rate fails at its first measurement. */
  faulty: 'ghcr.io/stefanprodan/podinfo:6.0.1',
};
const INTERVAL_SECONDS = 4;
const USERS_RPS = 20;
const INSIDERS_RPS = 10;
/** The A/B users the match selects, and everyone else. */
export const AB_HEADER = 'x-canary';
const TEAM = 'group:default/team-a';

/** A Canary's three rollouts, each in its own namespace, and the entity that owns the first. */
export type MeshLabScenario = 'promote' | 'faulty' | 'ab';

/** What one rollout went through, as the test saw it from outside. */
export interface MeshLabRollout {
  namespace: string;
  /** Every distinct status, in order. */
  states: CanaryState[];
  /** The canary weight the mesh's routing object carried, each distinct one in order. */
  routedWeights: number[];
  final: any;
}

export interface MeshLabRollouts {
  lab: Lab;
  cluster: LabCluster;
  rollouts: Record<MeshLabScenario, MeshLabRollout | Error>;
  /** The routing object of each namespace's Canary once Initialized (all traffic on the primary). */
  initialRouting: Record<MeshLabScenario, any>;
  /** A/B, during its analysis: 20 requests of a matching user and of another, sent into the mesh. */
  abProbe?: { insider: BatchResult; outsider: BatchResult };
  /** The promotion's analysis charts, while the canary had weight. */
  analysisDuringPromotion?: any;
  /** GETs a portal route of the canary backend (`/entities/...`). */
  api(path: string): Promise<request.Response>;
  stop(): Promise<void>;
}

/**
 * The lab suite every sidecar mesh runs (one per provider, modelled on the engine's strategy
 * suites): a lab, the canary plugin in a test backend driving it, and three Canaries of the
 * provider side by side, each in its own namespace with its users' load from inside the mesh: a
 * good release promoted by weight steps (25, 50), a faulty one (half its answers 500s) rolled
 * back by the built-in success rate, and A/B by header (three iterations, the matching users
 * from the lab's load tester). The suite's file asserts what its mesh's objects and telemetry
 * must show; this runs the rollouts and records what it needs for that.
 */
export async function runMeshLabRollouts(options: {
  provider: string;
  /** Namespaces are `<prefix>-promote`, `<prefix>-faulty`, `<prefix>-ab`. */
  prefix: string;
  /** The routing object that carries the weights of the Canary podinfo in `namespace`. */
  routingObject(cluster: LabCluster, namespace: string): Promise<any>;
  /** The canary weight that routing object carries. */
  canaryWeightOf(routingObject: any): number | undefined;
}): Promise<MeshLabRollouts> {
  const ns = (scenario: MeshLabScenario) => `${options.prefix}-${scenario}`;
  const lab = await startLab({
    readyDelayMs: 300,
    imageBehaviours: { [MESH_LAB_IMAGES.faulty]: { errorRate: 0.5 } },
  });
  const cluster = new LabCluster(lab);
  const backend = await startTestBackend({
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
          componentEntity('podinfo', TEAM, {
            'vane.dev/canary': `${ns('promote')}/podinfo`,
          }),
        ],
      }),
      mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
    ],
  });
  const result: MeshLabRollouts = {
    lab,
    cluster,
    rollouts: {} as MeshLabRollouts['rollouts'],
    initialRouting: {} as MeshLabRollouts['initialRouting'],
    api: path => request(backend.server).get(`/api/canary${path}`),
    async stop() {
      await backend.stop();
      await lab.stop();
    },
  };

  const scenarios: Record<
    MeshLabScenario,
    { analysis: Record<string, unknown>; release: string }
  > = {
    // A healthy canary's first check can find no data yet (its series needs two scrapes).
    promote: {
      analysis: { stepWeight: 25, maxWeight: 50, threshold: 3 },
      release: MESH_LAB_IMAGES.next,
    },
    faulty: {
      analysis: { stepWeight: 25, maxWeight: 50, threshold: 2 },
      release: MESH_LAB_IMAGES.faulty,
    },
    ab: {
      analysis: {
        iterations: 3,
        threshold: 3,
        match: [{ headers: { [AB_HEADER]: { exact: 'insider' } } }],
      },
      release: MESH_LAB_IMAGES.next,
    },
  };
  const names = Object.keys(scenarios) as MeshLabScenario[];
  const statusOf = async (scenario: MeshLabScenario) =>
    (await cluster.canary(ns(scenario), 'podinfo'))?.status;
  const statusUntil = async (
    scenario: MeshLabScenario,
    description: string,
    check: (status: any) => boolean,
    timeoutMs = 120_000,
  ) => {
    let last: any;
    await waitFor(
      `Canary ${ns(scenario)}/podinfo ${description}`,
      async () => {
        last = await statusOf(scenario);
        return !!last && check(last);
      },
      { timeoutMs, observe: () => JSON.stringify(last) },
    );
    return last;
  };

  for (const scenario of names) {
    const namespace = ns(scenario);
    await cluster.apply({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: namespace },
    });
    for (const object of podinfoObjects({
      namespace,
      name: 'podinfo',
      image: MESH_LAB_IMAGES.good,
      service: false,
    })) {
      await cluster.apply(object);
    }
    await cluster.apply({
      apiVersion: 'delivery.vane.dev/v1alpha1',
      kind: 'Canary',
      metadata: { name: 'podinfo', namespace },
      spec: {
        provider: options.provider,
        targetRef: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: 'podinfo',
        },
        progressDeadlineSeconds: 60,
        service: { port: 9898, targetPort: 9898 },
        analysis: {
          interval: `${INTERVAL_SECONDS}s`,
          ...scenarios[scenario].analysis,
          metrics: [
            {
              name: 'request-success-rate',
              thresholdRange: { min: 99 },
              interval: '10s',
            },
            {
              name: 'request-duration',
              thresholdRange: { max: 500 },
              interval: '10s',
            },
          ],
        },
      },
    });
    lab.setLoad({
      service: 'podinfo',
      namespace,
      rps: USERS_RPS,
      ...(scenario === 'ab' ? { headers: { [AB_HEADER]: 'outsider' } } : {}),
    });
  }
  await Promise.all(
    names.map(scenario =>
      statusUntil(
        scenario,
        'to be Initialized',
        s => s.phase === 'Initialized',
      ),
    ),
  );
  for (const scenario of names) {
    result.initialRouting[scenario] = await options.routingObject(
      cluster,
      ns(scenario),
    );
  }

  // The A/B users, as Flagger's docs send them: hey through the load tester, with the header.
  const loadTest = await fetch(lab.loadTesterUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      name: 'insiders',
      namespace: ns('ab'),
      metadata: {
        type: 'cmd',
        cmd: `hey -z 10m -q ${INSIDERS_RPS} -c 1 -H '${AB_HEADER}: insider' http://podinfo.${ns(
          'ab',
        )}:9898/`,
      },
    }),
  });
  if (loadTest.status !== 202) {
    throw new Error(
      `The lab's load tester refused the A/B users' stream: ${
        loadTest.status
      } ${await loadTest.text()}`,
    );
  }

  const run = async (
    scenario: MeshLabScenario,
    done: (status: any) => boolean,
    during?: () => Promise<void>,
  ) => {
    const namespace = ns(scenario);
    const progress = recordCanaryProgress(cluster, namespace, 'podinfo');
    const routing = recordSamples(async () =>
      options.canaryWeightOf(await options.routingObject(cluster, namespace)),
    );
    try {
      await cluster.patch('apps/v1', 'Deployment', namespace, 'podinfo', {
        spec: {
          template: {
            spec: {
              containers: [
                { name: 'podinfod', image: scenarios[scenario].release },
              ],
            },
          },
        },
      });
      await during?.();
      await statusUntil(scenario, 'to end its rollout', done);
      result.rollouts[scenario] = {
        namespace,
        states: progress.states,
        routedWeights: routing.samples
          .map(s => s.value ?? 0)
          .filter((w, i, all) => w > 0 && w !== all[i - 1]),
        final: await cluster.canary(namespace, 'podinfo'),
      };
    } catch (error) {
      result.rollouts[scenario] = error as Error;
    } finally {
      await progress.stop();
      await routing.stop();
    }
  };

  await Promise.all([
    run(
      'promote',
      s => s.phase === 'Succeeded',
      async () => {
        await statusUntil(
          'promote',
          'to shift weight to the canary',
          s => s.canaryWeight > 0,
        );
        let body: any;
        await waitFor(
          'the promotion to chart canary samples of request-success-rate',
          async () => {
            const res = await result.api(
              `/entities/component/default/podinfo/rollouts/lab/${ns(
                'promote',
              )}/podinfo/analysis`,
            );
            body = res.body;
            return res.status === 200 && body.metrics?.[0]?.canary?.length > 0;
          },
          { timeoutMs: 60_000, observe: () => JSON.stringify(body) },
        );
        result.analysisDuringPromotion = body;
      },
    ),
    run('faulty', s => s.phase === 'Failed'),
    run(
      'ab',
      s => s.phase === 'Succeeded',
      async () => {
        await statusUntil(
          'ab',
          'to send the matching users to the canary',
          s => s.phase === 'Progressing' && s.iterations >= 1,
        );
        const send = (value: string) =>
          lab.dataPlane.send({
            host: 'podinfo',
            namespace: ns('ab'),
            method: 'GET',
            path: '/',
            headers: { [AB_HEADER]: value },
            count: 20,
          });
        result.abProbe = {
          insider: send('insider'),
          outsider: send('outsider'),
        };
      },
    ),
  ]);
  return result;
}
