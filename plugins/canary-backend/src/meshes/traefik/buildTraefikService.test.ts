import { UnsupportedRoutingError } from '@vane/plugin-canary-node';
import {
  PODINFO_OWNER,
  podinfoCanary,
} from '../../routers/testing/podinfoCanary';
import { buildTraefikService } from './buildTraefikService';

describe('buildTraefikService', () => {
  it('given the seed canary at weight 60, weighs the primary and canary Services 40/60', () => {
    expect(
      buildTraefikService(podinfoCanary(), {
        primaryWeight: 40,
        canaryWeight: 60,
        mirrored: false,
      }),
    ).toEqual({
      apiVersion: 'traefik.io/v1alpha1',
      kind: 'TraefikService',
      metadata: {
        name: 'podinfo',
        namespace: 'test',
        ownerReferences: [PODINFO_OWNER],
      },
      spec: {
        weighted: {
          services: [
            {
              name: 'podinfo-primary',
              namespace: 'test',
              port: 9898,
              weight: 40,
            },
            {
              name: 'podinfo-canary',
              namespace: 'test',
              port: 9898,
              weight: 60,
            },
          ],
        },
      },
    });
  });

  it('writes the canary at weight 0 with its weight, which Traefik skips', () => {
    expect(
      buildTraefikService(podinfoCanary(), {
        primaryWeight: 100,
        canaryWeight: 0,
        mirrored: false,
      }).spec,
    ).toEqual({
      weighted: {
        services: [
          {
            name: 'podinfo-primary',
            namespace: 'test',
            port: 9898,
            weight: 100,
          },
          { name: 'podinfo-canary', namespace: 'test', port: 9898, weight: 0 },
        ],
      },
    });
  });

  it('given mirroring at mirrorWeight 30, serves from the primary and copies 30% to the canary', () => {
    const canary = podinfoCanary({
      analysis: { iterations: 5, mirror: true, mirrorWeight: 30 },
    });
    expect(
      buildTraefikService(canary, {
        primaryWeight: 100,
        canaryWeight: 0,
        mirrored: true,
      }).spec,
    ).toEqual({
      mirroring: {
        name: 'podinfo-primary',
        namespace: 'test',
        port: 9898,
        mirrors: [
          {
            name: 'podinfo-canary',
            namespace: 'test',
            port: 9898,
            percent: 30,
          },
        ],
      },
    });
  });

  it('given mirroring without mirrorWeight, copies every request', () => {
    const canary = podinfoCanary({ analysis: { iterations: 5, mirror: true } });
    const spec = buildTraefikService(canary, {
      primaryWeight: 100,
      canaryWeight: 0,
      mirrored: true,
    }).spec as any;
    expect(spec.mirroring.mirrors[0].percent).toBe(100);
  });

  it('refuses to mirror while the canary has weight, which one mirroring TraefikService cannot carry', () => {
    const build = () =>
      buildTraefikService(podinfoCanary({ analysis: { mirror: true } }), {
        primaryWeight: 80,
        canaryWeight: 20,
        mirrored: true,
      });
    expect(build).toThrow(UnsupportedRoutingError);
    expect(build).toThrow(
      'Canary test/podinfo: provider traefik mirrors only while the canary has no weight (asked for 20): a mirroring TraefikService copies the requests of one service',
    );
  });

  it("given service.apex, labels and annotates the TraefikService with it, as Flagger's", () => {
    const service = buildTraefikService(
      podinfoCanary({
        service: { apex: { labels: { team: 'a' }, annotations: { a: 'b' } } },
      }),
      { primaryWeight: 100, canaryWeight: 0, mirrored: false },
    );
    expect(service.metadata).toEqual({
      name: 'podinfo',
      namespace: 'test',
      labels: { team: 'a' },
      annotations: { a: 'b' },
      ownerReferences: [PODINFO_OWNER],
    });
  });
});
