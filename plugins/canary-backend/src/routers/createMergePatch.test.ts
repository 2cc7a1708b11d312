import { createMergePatch } from './createMergePatch';

describe('createMergePatch', () => {
  it('given equal objects, yields no patch, so nothing is written', () => {
    expect(
      createMergePatch(
        { hosts: ['podinfo'], http: [{ route: [{ weight: 100 }] }] },
        { hosts: ['podinfo'], http: [{ route: [{ weight: 100 }] }] },
      ),
    ).toBeUndefined();
  });

  it('replaces arrays whole, diffs maps key by key and removes keys with null', () => {
    expect(
      createMergePatch(
        {
          gateways: ['mesh'],
          selector: { app: 'podinfo', version: 'v1' },
          trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } },
        },
        { gateways: ['public'], selector: { app: 'podinfo-primary' } },
      ),
    ).toEqual({
      gateways: ['public'],
      selector: { app: 'podinfo-primary', version: null },
      trafficPolicy: null,
    });
  });
});
