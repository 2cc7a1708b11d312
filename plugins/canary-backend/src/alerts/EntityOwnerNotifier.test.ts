import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import {
  canaryObject,
  componentEntity,
  deploymentObject,
} from '../service/__testUtils__/rolloutObjects';
import { InMemoryCluster } from '../testing/InMemoryCluster';
import { EntityOwnerNotifier } from './EntityOwnerNotifier';
import { failedRolloutAlert } from './__testUtils__/failedRolloutAlert';

describe('EntityOwnerNotifier', () => {
  const entities = [
    // Linked by name, and through the Deployment podinfo.
    componentEntity('podinfo', 'group:default/team-a', {
      'vane.dev/canary': 'test/podinfo',
    }),
    componentEntity('podinfo-ui', 'group:default/team-b', {
      'backstage.io/kubernetes-id': 'podinfo',
    }),
    componentEntity('checkout', 'group:default/team-c', {
      'vane.dev/canary': 'test/checkout',
    }),
  ];
  const lab = new InMemoryCluster('lab').apply(
    canaryObject('test', 'podinfo'),
    canaryObject('test', 'checkout'),
    deploymentObject('test', 'podinfo', 'podinfo:6.0.1', {
      'backstage.io/kubernetes-id': 'podinfo',
    }),
  );

  function notifier(severity?: 'info' | 'warn' | 'error') {
    const sent: NotificationSendOptions[] = [];
    const logger = mockServices.logger.mock();
    return {
      sent,
      logger,
      notifier: new EntityOwnerNotifier({
        catalog: catalogServiceMock({ entities }),
        auth: mockServices.auth(),
        notifications: {
          send: async options => {
            sent.push(options);
          },
        },
        logger,
        clusters: () => [lab],
        ...(severity ? { severity } : {}),
      }),
    };
  }

  it('notifies the entities the Canary belongs to (their owners), once, from the configured severity', async () => {
    const { notifier: owners, sent } = notifier();
    await owners.notify(failedRolloutAlert);
    expect(sent).toHaveLength(1);
    expect(sent[0].recipients).toEqual({
      type: 'entity',
      entityRef: ['component:default/podinfo', 'component:default/podinfo-ui'],
    });
    expect(sent[0].payload).toMatchObject({
      severity: 'critical',
      link: '/catalog/default/component/podinfo/rollouts',
    });

    // warn by default: an analysis starting (info) tells nobody.
    await owners.notify({ ...failedRolloutAlert, severity: 'info' });
    expect(sent).toHaveLength(1);
  });

  it('tells nobody about a Canary no entity links to, or of another cluster', async () => {
    const { notifier: owners, sent } = notifier('info');
    await owners.notify({ ...failedRolloutAlert, name: 'orphan' });
    await owners.notify({ ...failedRolloutAlert, cluster: 'elsewhere' });
    expect(sent).toEqual([]);
  });
});
