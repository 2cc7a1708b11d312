import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Lab, startLab, waitFor } from '@vane/mesh-lab';
import request from 'supertest';
import { canaryPlugin } from '../../plugin';
import { deployLabPodinfo } from '../../service/__testUtils__/deployLabPodinfo';
import { componentEntity } from '../../service/__testUtils__/rolloutObjects';
import { LabCluster } from '../../testing/LabCluster';

/** The walkthrough's podinfo releases: a good one, the next, and one the lab makes answer 5xx. */
export const PODINFO_IMAGES = {
  good: 'ghcr.io/stefanprodan/podinfo:6.0.0',
  next: 'ghcr.io/stefanprodan/podinfo:6.1.0',
  faulty: 'ghcr.io/stefanprodan/podinfo:6.0.1',
} as const;

/**
 * A mesh's rollouts end to end, for one lab suite per provider: the mesh lab (its faulty podinfo
 * answering 30% 5xx) and the real canary plugin in a test backend driving it, with a catalog of
 * one podinfo Component per namespace (`component:default/<namespace>`, its Deployment found by
 * `backstage.io/kubernetes-id: podinfo` in that namespace), so each scenario's rollout, health and
 * analysis are read through the portal's routes.
 */
export class MeshLabRollouts {
  private constructor(
    readonly lab: Lab,
    readonly cluster: LabCluster,
    private readonly backend: Awaited<ReturnType<typeof startTestBackend>>,
  ) {}

  static async start(namespaces: string[]): Promise<MeshLabRollouts> {
    const lab = await startLab({
      readyDelayMs: 300,
      imageBehaviours: { [PODINFO_IMAGES.faulty]: { errorRate: 0.3 } },
    });
    try {
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
            entities: namespaces.map(namespace =>
              componentEntity(namespace, 'group:default/team-a', {
                'backstage.io/kubernetes-id': 'podinfo',
                'backstage.io/kubernetes-namespace': namespace,
              }),
            ),
          }),
          mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
        ],
      });
      return new MeshLabRollouts(lab, new LabCluster(lab), backend);
    } catch (error) {
      await lab.stop();
      throw error;
    }
  }

  /** GET a route of the canary plugin. */
  api(path: string) {
    return request(this.backend.server).get(`/api/canary${path}`);
  }

  /** Puts podinfo (the good release, no Service: the Canary makes them) in its namespace. */
  async deployPodinfo(namespace: string): Promise<void> {
    await deployLabPodinfo(this.cluster, {
      namespace,
      image: PODINFO_IMAGES.good,
      service: false,
    });
  }

  /** Sets podinfo's image: a new release for the Canary. */
  async release(namespace: string, image: string): Promise<void> {
    await this.cluster.patch('apps/v1', 'Deployment', namespace, 'podinfo', {
      spec: {
        template: { spec: { containers: [{ name: 'podinfod', image }] } },
      },
    });
  }

  /** Waits until podinfo's Canary in `namespace` has a status satisfying `condition`. */
  async waitForStatus(
    namespace: string,
    description: string,
    condition: (status: any) => boolean,
    timeoutMs = 120_000,
  ): Promise<any> {
    let status: any;
    await waitFor(
      `Canary ${namespace}/podinfo ${description}`,
      async () => {
        status = (await this.cluster.canary(namespace, 'podinfo'))?.status;
        return status !== undefined && condition(status);
      },
      { timeoutMs, observe: () => JSON.stringify(status) },
    );
    return status;
  }

  /** The image podinfo-primary runs. */
  async primaryImage(namespace: string): Promise<string | undefined> {
    const primary = await this.cluster.get(
      'apps/v1',
      'Deployment',
      namespace,
      'podinfo-primary',
    );
    return primary?.spec?.template?.spec?.containers?.[0]?.image;
  }

  /** Polls the mesh health of the namespace's Component until `check` holds; returns it. */
  async healthUntil(
    namespace: string,
    description: string,
    check: (body: any) => boolean,
  ): Promise<any> {
    let body: any;
    await waitFor(
      `the health of ${namespace}'s podinfo: ${description}`,
      async () => {
        const res = await this.api(
          `/entities/component/default/${namespace}/health?window=1m`,
        );
        body = res.body;
        return res.status === 200 && check(body);
      },
      { timeoutMs: 60_000, observe: () => JSON.stringify(body) },
    );
    return body;
  }

  /** The analysis charts of the namespace's rollout, once they hold canary samples. */
  async analysisWithSamples(namespace: string): Promise<any> {
    let body: any;
    await waitFor(
      `the analysis of ${namespace}/podinfo to show canary samples`,
      async () => {
        const res = await this.api(
          `/entities/component/default/${namespace}/rollouts/lab/${namespace}/podinfo/analysis`,
        );
        body = res.body;
        return res.status === 200 && body.metrics?.[0]?.canary?.length > 0;
      },
      { timeoutMs: 60_000, observe: () => JSON.stringify(body) },
    );
    return body;
  }

  async stop(): Promise<void> {
    await this.backend.stop();
    await this.lab.stop();
  }
}
