import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { RolloutHistoryStore } from '../history/RolloutHistoryStore';
import { InMemoryCluster } from '../testing/InMemoryCluster';
import {
  canaryObject,
  componentEntity,
  deploymentObject,
} from './__testUtils__/rolloutObjects';
import { flaggerCanary } from './__testUtils__/foreignRolloutObjects';
import { startRolloutApi } from './__testUtils__/startRolloutApi';
import { canaryTestDatabases } from '../history/__testUtils__/canaryTestDatabases';

const databases = canaryTestDatabases();

// POST /api/canary/entities/:kind/:namespace/:name/rollouts/:cluster/:namespace/:canary/:action
describe('operator actions on a rollout', () => {
  const podinfo = componentEntity('podinfo', 'group:default/team-podinfo', {
    'vane.dev/canary': 'test/podinfo',
  });
  const path = (action: string, canary = 'podinfo') =>
    `/api/canary/entities/component/default/podinfo/rollouts/lab/test/${canary}/${action}`;
  const guest = mockCredentials.user.header('user:default/guest');

  function labWith(
    status: Record<string, unknown>,
    annotations: Record<string, string> = {},
  ) {
    const canary = canaryObject('test', 'podinfo', status);
    return new InMemoryCluster('lab').apply(
      {
        ...canary,
        metadata: { ...canary.metadata, uid: 'uid-1', annotations },
      },
      deploymentObject('test', 'podinfo', 'ghcr.io/stefanprodan/podinfo:6.1.0'),
    );
  }

  it('pauses a progressing rollout for an owner: the annotation the engine reads, and an Event with the user', async () => {
    const lab = labWith({ phase: 'Progressing', canaryWeight: 40 });
    const backend = await startRolloutApi({
      clusters: [lab],
      entities: [podinfo],
    });
    const res = await request(backend.server)
      .post(path('pause'))
      .set('Authorization', guest);
    expect(res.status).toBe(202);
    expect(res.body).toEqual({
      action: 'pause',
      canary: 'lab/test/podinfo',
      message: 'Paused by user:default/guest',
    });
    const canary: any = lab.cache.getNow({
      apiVersion: 'delivery.vane.dev/v1alpha1',
      kind: 'Canary',
      namespace: 'test',
      name: 'podinfo',
    });
    expect(canary.metadata.annotations).toEqual({
      'delivery.vane.dev/paused-by': 'user:default/guest',
    });
    const event: any = lab.writesOf('createEvent')[0]?.event;
    expect(event).toMatchObject({
      type: 'Normal',
      message: 'Paused by user:default/guest in the portal',
      involvedObject: { name: 'podinfo', uid: 'uid-1' },
    });
    // And an audit event: a write, by the caller, naming the entity, the Canary and the action.
    const audited = {
      plugin: 'canary',
      eventId: 'rollout-action',
      severityLevel: 'medium',
      actorId: 'user:default/guest',
    };
    const subject = {
      action: 'pause',
      user: 'user:default/guest',
      entityRef: 'component:default/podinfo',
      canary: { cluster: 'lab', namespace: 'test', name: 'podinfo' },
    };
    expect(backend.auditEvents()).toEqual([
      { ...audited, status: 'initiated', meta: subject },
      {
        ...audited,
        status: 'succeeded',
        meta: { ...subject, message: 'Paused by user:default/guest' },
      },
    ]);
  });

  it.each([
    ['pause', { phase: 'Progressing' }, {}],
    [
      'resume',
      { phase: 'Progressing' },
      { 'delivery.vane.dev/paused-by': 'user:default/guest' },
    ],
    ['abort', { phase: 'Progressing' }, {}],
    ['promote', { phase: 'Progressing' }, {}],
    ['retry', { phase: 'Failed' }, {}],
    [
      'approve',
      {
        phase: 'WaitingPromotion',
        gate: {
          type: 'confirm-promotion',
          name: 'release-manager',
          revision: 'rev-b',
          servedByVane: true,
          since: '2026-11-22T11:58:00Z',
        },
      },
      {},
    ],
  ])(
    'audits %s as one rollout-action event that succeeded, beside the Event it writes',
    async (action, status, annotations) => {
      const lab = labWith(status, annotations as Record<string, string>);
      const backend = await startRolloutApi({
        clusters: [lab],
        entities: [podinfo],
      });
      const res = await request(backend.server)
        .post(path(action))
        .set('Authorization', guest);
      expect(res.status).toBe(202);
      expect(lab.writesOf('createEvent')).toHaveLength(1);
      expect(
        backend
          .auditEvents()
          .map(({ eventId, status: outcome, actorId, meta }) => ({
            eventId,
            outcome,
            actorId,
            action: meta?.action,
            message: meta?.message,
          })),
      ).toEqual([
        {
          eventId: 'rollout-action',
          outcome: 'initiated',
          actorId: 'user:default/guest',
          action,
          message: undefined,
        },
        {
          eventId: 'rollout-action',
          outcome: 'succeeded',
          actorId: 'user:default/guest',
          action,
          message: res.body.message,
        },
      ]);
    },
  );

  it("audits an action on a rollout Vane does not drive with its controller: a Flagger Canary's pause, written as spec.suspend", async () => {
    const search = componentEntity('search', 'group:default/team-podinfo', {
      'vane.dev/rollout': 'test/search',
    });
    const lab = new InMemoryCluster('lab').apply(
      {
        ...flaggerCanary('test', 'search'),
        status: { phase: 'Progressing', canaryWeight: 10 },
      },
      deploymentObject('test', 'search', 'ghcr.io/stefanprodan/podinfo:6.1.0'),
    );
    const backend = await startRolloutApi({
      clusters: [lab],
      entities: [search],
    });
    const res = await request(backend.server)
      .post(
        '/api/canary/entities/component/default/search/rollouts/lab/test/search/pause?controller=flagger',
      )
      .set('Authorization', guest);
    expect(res.status).toBe(202);
    expect(res.body.controller).toBe('flagger');
    const written: any = lab.cache.getNow({
      apiVersion: 'flagger.app/v1beta1',
      kind: 'Canary',
      namespace: 'test',
      name: 'search',
    });
    expect(written.spec.suspend).toBe(true);
    expect(backend.auditEvents().at(-1)).toEqual({
      plugin: 'canary',
      eventId: 'rollout-action',
      severityLevel: 'medium',
      status: 'succeeded',
      actorId: 'user:default/guest',
      meta: {
        action: 'pause',
        controller: 'flagger',
        user: 'user:default/guest',
        entityRef: 'component:default/search',
        canary: { cluster: 'lab', namespace: 'test', name: 'search' },
        message: res.body.message,
      },
    });
  });

  it.each(databases.eachSupportedId())(
    'answers 202 for an applied action whose history row cannot be written (%s), saying so, instead of a 500 that invites a retry',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const history = await RolloutHistoryStore.create(
        mockServices.database({ knex }),
      );
      await knex.destroy();
      const lab = labWith({ phase: 'Progressing', canaryWeight: 40 });
      const backend = await startRolloutApi({
        clusters: [lab],
        entities: [podinfo],
        history,
      });
      const res = await request(backend.server)
        .post(path('pause'))
        .set('Authorization', guest);
      expect(res.status).toBe(202);
      expect(res.body.message).toBe('Paused by user:default/guest');
      expect(res.body.warnings).toEqual([
        expect.stringMatching(
          /^Paused by user:default\/guest, but the rollout history could not be written: /,
        ),
      ]);
      const canary: any = lab.cache.getNow({
        apiVersion: 'delivery.vane.dev/v1alpha1',
        kind: 'Canary',
        namespace: 'test',
        name: 'podinfo',
      });
      expect(canary.metadata.annotations).toEqual({
        'delivery.vane.dev/paused-by': 'user:default/guest',
      });
      expect(lab.writesOf('createEvent')).not.toEqual([]);
      // Applied, so audited as a success, with the record that is missing.
      expect(backend.auditEvents().at(-1)).toMatchObject({
        status: 'succeeded',
        meta: { action: 'pause', warnings: res.body.warnings },
      });
    },
  );

  it('refuses a non-owner with 403 and writes nothing', async () => {
    const lab = labWith({ phase: 'Progressing', canaryWeight: 40 });
    const backend = await startRolloutApi({
      clusters: [lab],
      entities: [podinfo],
      permission: AuthorizeResult.DENY,
    });
    const res = await request(backend.server)
      .post(path('abort'))
      .set('Authorization', guest);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(
      'Only owners of component:default/podinfo may abort its rollouts (canary.rollout.update)',
    );
    expect(lab.writes).toEqual([]);
    // The refusal is in the audit trail, with who asked for what and why it was refused.
    expect(
      backend.auditEvents().filter(event => event.status !== 'initiated'),
    ).toEqual([
      {
        plugin: 'canary',
        eventId: 'rollout-action',
        severityLevel: 'medium',
        status: 'failed',
        actorId: 'user:default/guest',
        meta: {
          action: 'abort',
          user: 'user:default/guest',
          entityRef: 'component:default/podinfo',
          canary: { cluster: 'lab', namespace: 'test', name: 'podinfo' },
        },
        error:
          'Only owners of component:default/podinfo may abort its rollouts (canary.rollout.update)',
      },
    ]);
  });

  it('answers 409 with the phase for an action that does not fit, and writes nothing', async () => {
    const lab = labWith({ phase: 'Succeeded' });
    const backend = await startRolloutApi({
      clusters: [lab],
      entities: [podinfo],
    });
    const res = await request(backend.server)
      .post(path('promote'))
      .set('Authorization', guest);
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe(
      'Only a rollout under way can be promoted; this one is Succeeded (phase Succeeded)',
    );
    expect(lab.writes).toEqual([]);
    expect(
      backend.auditEvents().map(({ status, meta, error }) => ({
        status,
        action: meta?.action,
        error,
      })),
    ).toEqual([
      { status: 'initiated', action: 'promote', error: undefined },
      {
        status: 'failed',
        action: 'promote',
        error:
          'Only a rollout under way can be promoted; this one is Succeeded (phase Succeeded)',
      },
    ]);
  });

  it('answers 404 for a Canary that is not a rollout of the entity, and 400 for an unknown action', async () => {
    const lab = labWith({ phase: 'Progressing' });
    const { server } = await startRolloutApi({
      clusters: [lab],
      entities: [podinfo],
    });
    const missing = await request(server)
      .post(path('abort', 'checkout'))
      .set('Authorization', guest);
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe(
      'Canary test/checkout in cluster lab is not a rollout of component:default/podinfo',
    );
    const unknown = await request(server)
      .post(path('explode'))
      .set('Authorization', guest);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toBe(
      'Unknown action "explode"; one of pause, resume, abort, promote, retry, approve',
    );
    expect(lab.writes).toEqual([]);
  });

  it('approves the Vane-served gate a rollout waits at, naming that wait, and refuses a gate served over HTTP', async () => {
    const gate = {
      type: 'confirm-promotion',
      name: 'release-manager',
      revision: 'rev-b',
      servedByVane: true,
      since: '2026-11-22T11:58:00Z',
    };
    const lab = labWith({ phase: 'WaitingPromotion', canaryWeight: 80, gate });
    const { server } = await startRolloutApi({
      clusters: [lab],
      entities: [podinfo],
    });
    const res = await request(server)
      .post(path('approve'))
      .set('Authorization', guest);
    expect(res.status).toBe(202);
    const canary: any = lab.cache.getNow({
      apiVersion: 'delivery.vane.dev/v1alpha1',
      kind: 'Canary',
      namespace: 'test',
      name: 'podinfo',
    });
    expect(
      JSON.parse(canary.metadata.annotations['delivery.vane.dev/approval']),
    ).toEqual({
      gate: 'confirm-promotion',
      name: 'release-manager',
      revision: 'rev-b',
      since: '2026-11-22T11:58:00Z',
      user: 'user:default/guest',
      at: expect.any(String),
    });

    const http = labWith({
      phase: 'WaitingPromotion',
      canaryWeight: 80,
      gate: { ...gate, servedByVane: false },
    });
    const other = await startRolloutApi({
      clusters: [http],
      entities: [podinfo],
    });
    const refused = await request(other.server)
      .post(path('approve'))
      .set('Authorization', guest);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toBe(
      'The rollout waits at the confirm-promotion webhook release-manager, which its own service opens; only gates with url vane://approval are approved in the portal (phase WaitingPromotion)',
    );
    expect(http.writes).toEqual([]);
  });
});
