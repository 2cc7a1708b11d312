import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  type Canary,
  validateCanaryManifest,
  validateCanarySpec,
} from '@vane/plugin-canary-common';
import fc from 'fast-check';
import request from 'supertest';
import { CanaryReconciler } from '../engine/CanaryReconciler';
import { createBuiltinMeshRegistry } from '../meshes/createBuiltinMeshRegistry';
import {
  componentEntity,
  deploymentObject,
} from '../service/__testUtils__/rolloutObjects';
import { startRolloutApi } from '../service/__testUtils__/startRolloutApi';
import { InMemoryCluster } from '../testing/InMemoryCluster';
import { ScriptedCheckRunner } from '../testing/ScriptedCheckRunner';
import { arbitraryCanarySpec } from './__testUtils__/arbitraryCanarySpec';
import { engineRefusal } from './__testUtils__/engineRefusal';

jest.setTimeout(120_000);

// Bad input, fuzzed: Canary specs generated from the CRD's schema, valid and invalid, through
// the validator, the engine (one tick over an in-memory cluster) and the apply API. The seed is
// fixed so a failure reproduces; fast-check prints the smallest spec that breaks a property.
const SEED = 20261203;
const IMAGE = 'ghcr.io/stefanprodan/podinfo:6.0.0';

describe('invalid Canaries, fuzzed', () => {
  it('the validator never throws, and refuses every invalid spec with messages that each start with the field they name', () => {
    let valid = 0;
    let invalid = 0;
    fc.assert(
      fc.property(arbitraryCanarySpec(), spec => {
        const result = validateCanarySpec(spec);
        if (result.valid) {
          valid++;
          return;
        }
        invalid++;
        expect(result.errors.length).toBeGreaterThan(0);
        for (const error of result.errors) {
          expect(error.field).toMatch(/^[a-zA-Z]/);
          expect(error.message.startsWith(`${error.field} `)).toBe(true);
        }
      }),
      { numRuns: 4000, seed: SEED },
    );
    // Both kinds in numbers, or the property proved little.
    expect(valid).toBeGreaterThan(500);
    expect(invalid).toBeGreaterThan(500);
  });

  it('the engine writes nothing but the Valid=False status and its Event for any Canary it refuses, and never throws', async () => {
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(arbitraryCanarySpec(), async spec => {
        const canary = {
          apiVersion: 'delivery.vane.dev/v1alpha1',
          kind: 'Canary',
          metadata: {
            name: 'podinfo',
            namespace: 'test',
            uid: 'u1',
            resourceVersion: '1',
          },
          spec,
        } as unknown as Canary;
        const cluster = new InMemoryCluster('lab', [
          'networking.istio.io',
          'split.smi-spec.io',
        ]).apply(
          canary,
          deploymentObject('test', 'podinfo', IMAGE, { app: 'podinfo' }),
        );
        const reconciler = new CanaryReconciler({
          clusterName: 'lab',
          cache: cluster.cache,
          writer: cluster.writer,
          routers: createBuiltinMeshRegistry(),
          checks: new ScriptedCheckRunner(),
          logger: mockServices.logger.mock(),
          now: () => new Date('2026-12-03T12:00:00Z'),
        });
        await reconciler.reconcile('test', 'podinfo');

        const reason = engineRefusal(spec, canary, [
          'networking.istio.io',
          'split.smi-spec.io',
        ]);
        if (!reason) return;
        refused++;
        const kinds = cluster.writes.map(w =>
          w.verb === 'createEvent' ? 'event' : `${w.verb} ${w.ref.kind}`,
        );
        expect(
          kinds.filter(k => k !== 'patchStatus Canary' && k !== 'event'),
        ).toEqual([]);
        const status = (
          cluster.find({
            apiVersion: 'delivery.vane.dev/v1alpha1',
            kind: 'Canary',
            namespace: 'test',
            name: 'podinfo',
          }) as any
        ).status;
        const valid = status?.conditions?.find((c: any) => c.type === 'Valid');
        expect(valid).toMatchObject({ status: 'False' });
        expect(valid.message).toContain(reason);
      }),
      { numRuns: 600, seed: SEED },
    );
    expect(refused).toBeGreaterThan(200);
  });

  it('the apply API answers every manifest with 2xx or 4xx, and for an invalid one 400 naming the field, with nothing written', async () => {
    const cluster = new InMemoryCluster('lab').apply(
      deploymentObject('test', 'reviews', IMAGE, {
        'backstage.io/kubernetes-id': 'reviews',
      }),
    );
    const backend = await startRolloutApi({
      clusters: [cluster],
      entities: [
        componentEntity('reviews', 'group:default/team-podinfo', {
          'backstage.io/kubernetes-id': 'reviews',
          'backstage.io/kubernetes-namespace': 'test',
        }),
      ],
    });
    let invalid = 0;
    await fc.assert(
      fc.asyncProperty(arbitraryCanarySpec('reviews'), async spec => {
        const manifest = {
          apiVersion: 'delivery.vane.dev/v1alpha1',
          kind: 'Canary',
          metadata: { name: 'reviews', namespace: 'test' },
          spec,
        };
        const writesBefore = cluster.writes.length;
        const res = await request(backend.server)
          .post('/api/canary/entities/component/default/reviews/canaries')
          .set(
            'Authorization',
            mockCredentials.user.header('user:default/guest'),
          )
          .send({ cluster: 'lab', canary: manifest });
        expect([200, 201, 400, 409]).toContain(res.status);
        const checked = validateCanaryManifest(manifest);
        if (checked.valid) return;
        invalid++;
        expect(res.status).toBe(400);
        expect(res.body.error.message).toContain(checked.errors[0].message);
        expect(cluster.writes.length).toBe(writesBefore);
      }),
      { numRuns: 300, seed: SEED },
    );
    expect(invalid).toBeGreaterThan(100);
    await backend.stop();
  });
});
