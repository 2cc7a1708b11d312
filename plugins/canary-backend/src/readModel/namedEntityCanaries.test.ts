import { namedEntityCanaries } from './namedEntityCanaries';

describe('namedEntityCanaries', () => {
  it('names each Canary of vane.dev/canary in every cluster', () => {
    expect(
      namedEntityCanaries(
        { 'vane.dev/canary': 'shop/checkout,shop/payments' },
        ['lab', 'edge'],
      ),
    ).toEqual([
      { cluster: 'lab', namespace: 'shop', name: 'checkout' },
      { cluster: 'lab', namespace: 'shop', name: 'payments' },
      { cluster: 'edge', namespace: 'shop', name: 'checkout' },
      { cluster: 'edge', namespace: 'shop', name: 'payments' },
    ]);
  });

  it('keeps to the clusters backstage.io/kubernetes-cluster names', () => {
    expect(
      namedEntityCanaries(
        {
          'vane.dev/canary': 'test/podinfo',
          'backstage.io/kubernetes-cluster': 'edge',
        },
        ['lab', 'edge'],
      ),
    ).toEqual([{ cluster: 'edge', namespace: 'test', name: 'podinfo' }]);
  });

  it('names none for an entity linked by its Deployments, or an unreadable annotation', () => {
    expect(
      namedEntityCanaries({ 'backstage.io/kubernetes-id': 'podinfo' }, ['lab']),
    ).toEqual([]);
    expect(
      namedEntityCanaries({ 'vane.dev/canary': 'no-namespace' }, ['lab']),
    ).toEqual([]);
  });
});
