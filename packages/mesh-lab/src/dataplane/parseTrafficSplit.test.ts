import { parseTrafficSplit, trafficSplitApex } from './parseTrafficSplit';

describe('parseTrafficSplit', () => {
  it('reads the apex Service and weighted backends Flagger writes for Linkerd', () => {
    const split = {
      metadata: { name: 'podinfo', namespace: 'test' },
      spec: {
        service: 'podinfo',
        backends: [
          { service: 'podinfo-primary', weight: 80 },
          { service: 'podinfo-canary', weight: 20 },
        ],
      },
    };
    expect(trafficSplitApex(split)).toBe('podinfo.test.svc.cluster.local');
    const table = parseTrafficSplit(split);
    expect(table.source).toEqual({ kind: 'TrafficSplit', namespace: 'test', name: 'podinfo' });
    expect(table.rules).toEqual([
      {
        matches: [],
        backends: [
          { service: 'podinfo-primary', namespace: 'test', weight: 80 },
          { service: 'podinfo-canary', namespace: 'test', weight: 20 },
        ],
      },
    ]);
  });

  it('understands v1alpha1 quantity weights', () => {
    const table = parseTrafficSplit({
      metadata: { name: 's', namespace: 'ns' },
      spec: { service: 's', backends: [{ service: 'a', weight: '900m' }, { service: 'b', weight: '100m' }] },
    });
    expect(table.rules[0].backends.map(b => b.weight)).toEqual([0.9, 0.1]);
  });
});
