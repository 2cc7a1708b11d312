import { UnsupportedRoutingError } from '@vane/plugin-canary-node';
import {
  PODINFO_OWNER,
  podinfoCanary,
} from '../../routers/testing/podinfoCanary';
import { buildTrafficSplit } from './buildTrafficSplit';

describe('buildTrafficSplit', () => {
  it('given the seed canary at weight 60, splits the apex Service 40/60, canary backend first as in Flagger', () => {
    expect(
      buildTrafficSplit(podinfoCanary(), {
        primaryWeight: 40,
        canaryWeight: 60,
        mirrored: false,
      }),
    ).toEqual({
      apiVersion: 'split.smi-spec.io/v1alpha2',
      kind: 'TrafficSplit',
      metadata: {
        name: 'podinfo',
        namespace: 'test',
        ownerReferences: [PODINFO_OWNER],
      },
      spec: {
        service: 'podinfo',
        backends: [
          { service: 'podinfo-canary', weight: 60 },
          { service: 'podinfo-primary', weight: 40 },
        ],
      },
    });
  });

  it('given hosts, splits the first host', () => {
    const split = buildTrafficSplit(
      podinfoCanary({ service: { hosts: ['podinfo.test.svc.cluster.local'] } }),
      { primaryWeight: 100, canaryWeight: 0, mirrored: false },
    );
    expect((split.spec as { service: string }).service).toBe(
      'podinfo.test.svc.cluster.local',
    );
  });

  it('given an A/B canary, refuses it and points to the meshes that can', () => {
    const canary = podinfoCanary({
      analysis: {
        iterations: 10,
        match: [{ headers: { 'x-canary': { exact: 'insider' } } }],
      },
    });
    const build = () =>
      buildTrafficSplit(canary, {
        primaryWeight: 0,
        canaryWeight: 100,
        mirrored: false,
      });
    expect(build).toThrow(UnsupportedRoutingError);
    expect(build).toThrow(
      'Canary test/podinfo: analysis.match is not supported by provider smi: a TrafficSplit splits by weight only, it cannot send matching requests to the canary (A/B testing); use provider istio or gatewayapi',
    );
  });

  it('given mirroring, refuses it', () => {
    const canary = podinfoCanary({
      analysis: { iterations: 10, mirror: true },
    });
    expect(() =>
      buildTrafficSplit(canary, {
        primaryWeight: 100,
        canaryWeight: 0,
        mirrored: true,
      }),
    ).toThrow(
      'Canary test/podinfo: analysis.mirror is not supported by provider smi: a TrafficSplit cannot mirror traffic to the canary; use provider istio or gatewayapi',
    );
  });
});
