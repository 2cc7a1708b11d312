import { mockCredentials } from '@backstage/backend-test-utils';
import { CANARY_ROLLOUT_ACTIONS } from '@vane/plugin-canary-common';
import request from 'supertest';
import { InMemoryCluster } from '../testing/InMemoryCluster';
import {
  canaryObject,
  componentEntity,
  deploymentObject,
} from '../service/__testUtils__/rolloutObjects';
import { startRolloutApi } from '../service/__testUtils__/startRolloutApi';

// Vane's actions as an MCP client sees them: JSON-RPC over Backstage's MCP endpoint, with a token.
describe('Vane in the actions registry, through the MCP actions plugin', () => {
  const podinfo = componentEntity('podinfo', 'group:default/team-podinfo', {
    'vane.dev/canary': 'test/podinfo',
  });
  const guest = mockCredentials.user.header('user:default/guest');

  function progressingLab() {
    return new InMemoryCluster('lab').apply(
      canaryObject('test', 'podinfo', {
        phase: 'Progressing',
        canaryWeight: 40,
      }),
      deploymentObject('test', 'podinfo', 'ghcr.io/stefanprodan/podinfo:6.1.0'),
    );
  }

  /** One JSON-RPC call; the streamable HTTP transport answers it as one server-sent event. */
  async function callMcp(
    server: Parameters<typeof request>[0],
    method: string,
    params: Record<string, unknown>,
  ): Promise<any> {
    const res = await request(server)
      .post('/api/mcp-actions/v1')
      .set('Authorization', guest)
      .set('Accept', 'application/json, text/event-stream')
      .send({ jsonrpc: '2.0', id: 1, method, params });
    expect(res.status).toBe(200);
    const data = res.text.split('\n').find(line => line.startsWith('data: '));
    if (!data) {
      throw new Error(
        `Expected one server-sent event from ${method}, got: ${res.text}`,
      );
    }
    const message = JSON.parse(data.slice('data: '.length));
    if (message.error) {
      throw new Error(`${method} answered ${JSON.stringify(message.error)}`);
    }
    return message.result;
  }

  it('lists the reads and the operator actions as tools, marking which only read', async () => {
    const { server } = await startRolloutApi({
      clusters: [progressingLab()],
      entities: [podinfo],
      mcp: true,
    });
    const { tools } = await callMcp(server, 'tools/list', {});
    expect(
      Object.fromEntries(
        tools.map((tool: any) => [tool.name, tool.annotations.readOnlyHint]),
      ),
    ).toEqual({
      'canary.get-entity-rollouts': true,
      'canary.list-releases': true,
      'canary.get-rollout-analysis': true,
      'canary.rollout-action': false,
      'canary.apply-canary': false,
    });
    const action = tools.find(
      (tool: any) => tool.name === 'canary.rollout-action',
    );
    expect(action.inputSchema.properties.action.enum).toEqual([
      ...CANARY_ROLLOUT_ACTIONS,
    ]);
  });

  it("reads an entity's rollouts, and refuses a non-owner's pause as the HTTP route does: nothing written, the denial audited", async () => {
    const lab = progressingLab();
    const backend = await startRolloutApi({
      clusters: [lab],
      entities: [podinfo],
      deniedPermissions: ['canary.rollout.update'],
      mcp: true,
    });

    const read = await callMcp(backend.server, 'tools/call', {
      name: 'canary.get-entity-rollouts',
      arguments: { entityRef: 'component:default/podinfo' },
    });
    expect(read.content[0].text).not.toMatch(/Error/);
    expect(read.isError).toBeUndefined();
    expect(read.structuredContent).toMatchObject({
      entityRef: 'component:default/podinfo',
      items: [
        {
          cluster: 'lab',
          namespace: 'test',
          name: 'podinfo',
          status: { phase: 'Progressing', canaryWeight: 40 },
        },
      ],
      errors: [],
    });

    const write = await callMcp(backend.server, 'tools/call', {
      name: 'canary.rollout-action',
      arguments: {
        entityRef: 'component:default/podinfo',
        cluster: 'lab',
        namespace: 'test',
        name: 'podinfo',
        action: 'pause',
      },
    });
    expect(write).toEqual({
      isError: true,
      content: [
        {
          type: 'text',
          text: 'NotAllowedError: Only owners of component:default/podinfo may pause its rollouts (canary.rollout.update)',
        },
      ],
    });
    expect(lab.writes).toEqual([]);
    expect(
      backend
        .auditEvents()
        .filter(
          event => event.plugin === 'canary' && event.status !== 'initiated',
        ),
    ).toEqual([
      expect.objectContaining({
        eventId: 'rollout-action',
        severityLevel: 'medium',
        status: 'failed',
        meta: {
          action: 'pause',
          user: 'user:default/guest',
          entityRef: 'component:default/podinfo',
          canary: { cluster: 'lab', namespace: 'test', name: 'podinfo' },
        },
        error:
          'Only owners of component:default/podinfo may pause its rollouts (canary.rollout.update)',
      }),
    ]);
  });
});
