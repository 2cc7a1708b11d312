import {
  coreServices,
  createBackendModule,
  createServiceFactory,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { permissionsRegistryServiceFactory } from '@backstage/backend-defaults/permissionsRegistry';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  AuthorizeResult,
  isPermission,
  isResourcePermission,
} from '@backstage/plugin-permission-common';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { canaryRolloutUpdatePermission } from '@vane/plugin-canary-common';
import { applyObjects, Lab, startLab, waitFor } from '@vane/mesh-lab';
import https from 'node:https';
import request from 'supertest';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleTemplateKind from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import permissionPlugin from '@backstage/plugin-permission-backend';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
// The end-to-end test runs the canary backend beside the module, as packages/backend does.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import canaryPlugin from '@vane/plugin-canary-backend';
import { scaffolderModuleCanary } from '../module';

// The template "Enable progressive delivery" end to end: the real Scaffolder runs the real
// template from examples/templates against the real catalog, canary plugin and permission
// backend, and the Canary lands in the mesh lab's API server. Users are told apart as in the
// demo: guest is in team-podinfo (owns reviews), grace is in team-checkout (does not).
jest.setTimeout(6 * 60_000);

const EXAMPLES = resolvePackagePath(
  '@vane/plugin-scaffolder-backend-module-canary',
  '../../examples',
);
const TEAMS: Record<string, string[]> = {
  'user:default/guest': ['group:default/team-podinfo'],
  'user:default/grace': ['group:default/team-checkout'],
};

/** Ownership claims as the real user-info service reads them from a sign-in token. */
const userInfoFactory = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials: any) {
      const userEntityRef = credentials.principal.userEntityRef as string;
      return {
        userEntityRef,
        ownershipEntityRefs: [userEntityRef, ...(TEAMS[userEntityRef] ?? [])],
      };
    },
  }),
});

/**
 * The test backend's HTTP auth, with one thing of the real one added: a request a plugin makes on
 * behalf of a user (an on-behalf-of service token) carries the plugin as the principal's actor.
 * The permission backend refuses conditional (resourceRef-less) checks from users without one.
 */
const MOCK_SERVICE_TOKEN_PREFIX = 'mock-service-token:';
const httpAuthFactory = createServiceFactory({
  service: coreServices.httpAuth,
  deps: { plugin: coreServices.pluginMetadata },
  factory({ plugin }) {
    const mock = mockServices.httpAuth({ pluginId: plugin.getId() });
    return {
      async credentials(req: any, options?: any) {
        const credentials: any = await mock.credentials(req, options);
        const token = /^Bearer\s+(\S+)$/i.exec(
          req.headers.authorization ?? '',
        )?.[1];
        if (
          token?.startsWith(MOCK_SERVICE_TOKEN_PREFIX) &&
          credentials.principal.type === 'user'
        ) {
          const { sub } = JSON.parse(
            token.slice(MOCK_SERVICE_TOKEN_PREFIX.length),
          );
          return {
            ...credentials,
            principal: {
              ...credentials.principal,
              actor: { subject: sub ?? 'plugin:on-behalf-of-user' },
            },
          };
        }
        return credentials;
      },
      issueUserCookie: (res: any, options?: any) =>
        mock.issueUserCookie(res, options),
    } as any;
  },
});

/** packages/backend's VanePermissionPolicy: reads for all, rollout changes for owners only. */
const ownershipPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'ownership-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint, userInfo: coreServices.userInfo },
      async init({ policy, userInfo }) {
        policy.setPolicy({
          async handle(req, user) {
            if (!user) return { result: AuthorizeResult.DENY };
            const { permission } = req;
            if (permission.attributes.action === 'read') {
              return { result: AuthorizeResult.ALLOW };
            }
            if (
              isPermission(permission, canaryRolloutUpdatePermission) ||
              isResourcePermission(permission, 'catalog-entity')
            ) {
              const { ownershipEntityRefs } = await userInfo.getUserInfo(
                user.credentials,
              );
              return createCatalogConditionalDecision(
                permission,
                catalogConditions.isEntityOwner({
                  claims: ownershipEntityRefs,
                }),
              );
            }
            return { result: AuthorizeResult.ALLOW };
          },
        });
      },
    });
  },
});

function getFromLab(lab: Lab, path: string): Promise<any | undefined> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      `${lab.apiserverUrl}${path}`,
      {
        ca: lab.caData,
        headers: { Authorization: `Bearer ${lab.adminToken}` },
      },
      res => {
        let body = '';
        res.on('data', chunk => {
          body += chunk;
        });
        res.on('end', () => {
          if (res.statusCode === 404) resolve(undefined);
          else if (res.statusCode !== 200) {
            reject(new Error(`GET ${path}: ${res.statusCode} ${body}`));
          } else resolve(JSON.parse(body));
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('the "Enable progressive delivery" template against the mesh lab', () => {
  let lab: Lab | undefined;
  let backend: Awaited<ReturnType<typeof startTestBackend>> | undefined;
  const canaryPath =
    '/apis/delivery.vane.dev/v1alpha1/namespaces/test/canaries/reviews';

  beforeAll(async () => {
    lab = await startLab({ readyDelayMs: 300 });
    await applyObjects(lab.kubeConfig, [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'test' } },
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: {
          name: 'reviews',
          namespace: 'test',
          labels: { app: 'reviews', 'backstage.io/kubernetes-id': 'reviews' },
        },
        spec: {
          replicas: 1,
          selector: { matchLabels: { app: 'reviews' } },
          template: {
            metadata: { labels: { app: 'reviews' } },
            spec: {
              containers: [
                {
                  name: 'podinfod',
                  image: 'ghcr.io/stefanprodan/podinfo:6.0.0',
                  ports: [{ name: 'http', containerPort: 9898 }],
                },
              ],
            },
          },
        },
      } as any,
    ]);

    backend = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleTemplateKind,
        scaffolderPlugin,
        scaffolderModuleCanary,
        permissionPlugin,
        ownershipPolicy,
        canaryPlugin,
        permissionsServiceFactory,
        permissionsRegistryServiceFactory,
        userInfoFactory,
        httpAuthFactory,
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            catalog: {
              rules: [
                {
                  allow: [
                    'Component',
                    'System',
                    'API',
                    'Group',
                    'User',
                    'Template',
                    'Location',
                  ],
                },
              ],
              locations: [
                'entities.yaml',
                'org.yaml',
                'templates/enable-progressive-delivery/template.yaml',
              ].map(file => ({
                type: 'file',
                target: `${EXAMPLES}/${file}`,
              })),
            },
            canary: {
              clusters: [{ ...lab.clusterConfig('lab') }],
              engine: { leaseDurationSeconds: 6 },
            },
          },
        }),
      ],
    });

    await waitFor(
      'the catalog to hold the template and the reviews service',
      async () => {
        const [template, reviews] = await Promise.all(
          [
            'template/default/enable-progressive-delivery',
            'component/default/reviews',
          ].map(ref =>
            request(backend!.server)
              .get(`/api/catalog/entities/by-name/${ref}`)
              .set('Authorization', mockCredentials.user.header()),
          ),
        );
        return template.status === 200 && reviews.status === 200;
      },
      { timeoutMs: 120_000 },
    );
  });

  afterAll(async () => {
    await backend?.stop();
    await lab?.stop();
  });

  /** Runs the template as `user` and returns the finished task with its log. */
  async function runTemplate(
    user: string,
    answers: Record<string, unknown> = {},
  ) {
    const values = {
      entity: 'component:default/reviews',
      workload: {
        cluster: 'lab',
        namespace: 'test',
        name: 'reviews',
        port: 9898,
      },
      strategy: 'canary',
      provider: '',
      interval: '5s',
      threshold: 5,
      stepWeight: 20,
      maxWeight: 80,
      successRateMin: 99,
      latencyMaxMs: 500,
      ...answers,
    };
    const created = await request(backend!.server)
      .post('/api/scaffolder/v2/tasks')
      .set('Authorization', mockCredentials.user.header(user))
      .send({
        templateRef: 'template:default/enable-progressive-delivery',
        values,
      });
    expect(created.status).toBe(201);
    let task: any;
    await waitFor(
      `the task of ${user} to finish`,
      async () => {
        const res = await request(backend!.server)
          .get(`/api/scaffolder/v2/tasks/${created.body.id}`)
          .set('Authorization', mockCredentials.user.header(user));
        task = res.body;
        return ['completed', 'failed', 'cancelled'].includes(task.status);
      },
      { timeoutMs: 240_000, intervalMs: 500, observe: () => task?.status },
    );
    const events = await request(backend!.server)
      .get(`/api/scaffolder/v2/tasks/${created.body.id}/events`)
      .set('Authorization', mockCredentials.user.header(user));
    const log = (events.body as any[])
      .map(event => event.body?.message)
      .filter(Boolean)
      .join('\n');
    const output = (events.body as any[]).find(e => e.type === 'completion')
      ?.body?.output;
    return { task, log, output };
  }

  it('refuses a non-owner at the apply step and leaves the cluster as it was', async () => {
    const { task, log } = await runTemplate('user:default/grace');
    expect(task.status).toBe('failed');
    expect(log).toContain(
      'Only owners of component:default/reviews may apply Canaries for it (canary.rollout.update)',
    );
    expect(await getFromLab(lab!, canaryPath)).toBeUndefined();
  });

  it('creates the Canary for an owner, waits until it is Initialized, and links to the Rollouts tab', async () => {
    const { task, log, output } = await runTemplate('user:default/guest');
    expect({ status: task.status, log }).toMatchObject({ status: 'completed' });

    const canary = await getFromLab(lab!, canaryPath);
    expect(canary.spec).toMatchObject({
      provider: 'istio',
      targetRef: { kind: 'Deployment', name: 'reviews' },
      service: { port: 9898 },
      analysis: { interval: '5s', threshold: 5, stepWeight: 20, maxWeight: 80 },
    });
    expect(canary.status.phase).toMatch(/^(Initialized|Succeeded)$/);
    expect(log).toContain('Canary test/reviews created in cluster lab');
    expect(log).toMatch(/Canary test\/reviews is Initialized in cluster lab/);

    const rollouts = await request(backend!.server)
      .get('/api/canary/entities/component/default/reviews/rollouts')
      .set('Authorization', mockCredentials.user.header('user:default/guest'));
    expect(rollouts.body.items.map((r: any) => r.name)).toEqual(['reviews']);
    expect(output.links[0]).toEqual({
      title: 'Rollouts',
      url: '/catalog/default/component/reviews/rollouts',
    });
  });

  it('switches the same service to A/B testing on the header the owner chose, with a custom check', async () => {
    const { task, log } = await runTemplate('user:default/guest', {
      strategy: 'ab',
      iterations: 4,
      abHeader: { name: 'x-beta', value: 'yes' },
      customMetric: {
        name: 'error-budget',
        query:
          'sum(rate(http_requests_total{namespace="{{ namespace }}",status=~"5.."}[{{ interval }}]))',
        max: 1,
      },
    });
    expect({ status: task.status, log }).toMatchObject({ status: 'completed' });

    const canary = await getFromLab(lab!, canaryPath);
    expect(canary.spec.analysis).toMatchObject({
      iterations: 4,
      match: [{ headers: { 'x-beta': { exact: 'yes' } } }],
    });
    expect(canary.spec.analysis.stepWeight).toBeUndefined();
    expect(canary.spec.revertOnDeletion).toBe(true);
    // The custom check: a MetricTemplate applied beside the Canary, which references it.
    expect(canary.spec.analysis.metrics).toContainEqual(
      expect.objectContaining({
        name: 'error-budget',
        templateRef: { name: 'reviews-error-budget', namespace: 'test' },
        thresholdRange: { max: 1 },
      }),
    );
    const template = await getFromLab(
      lab!,
      '/apis/delivery.vane.dev/v1alpha1/namespaces/test/metrictemplates/reviews-error-budget',
    );
    expect(template.spec.query).toContain('http_requests_total');
  });

  it("switches the same service to Argo Rollouts' steps, written as the form lists them", async () => {
    const steps = [
      { setWeight: 50 },
      { pause: { duration: '10m' } },
      { pause: {} },
    ];
    const { task, log } = await runTemplate('user:default/guest', {
      strategy: 'steps',
      stepWeight: undefined,
      maxWeight: undefined,
      steps,
    });
    expect({ status: task.status, log }).toMatchObject({ status: 'completed' });

    const canary = await getFromLab(lab!, canaryPath);
    expect(canary.spec.analysis.steps).toEqual(steps);
    for (const field of ['stepWeight', 'maxWeight', 'iterations', 'match']) {
      expect(canary.spec.analysis[field]).toBeUndefined();
    }
    expect(canary.status.phase).toMatch(/^(Initialized|Succeeded)$/);
    expect(
      canary.status.conditions.find((c: any) => c.type === 'Valid'),
    ).toBeUndefined();
  });
});
