import {
  PODINFO_OWNER,
  podinfoCanary,
} from '../../routers/testing/podinfoCanary';
import { chooseConsulProtocol } from './chooseConsulProtocol';

const apexDefaults = (spec: Record<string, unknown>, owned = false) => ({
  apiVersion: 'consul.hashicorp.com/v1alpha1',
  kind: 'ServiceDefaults',
  metadata: {
    name: 'podinfo',
    namespace: 'test',
    ...(owned ? { ownerReferences: [PODINFO_OWNER] } : {}),
  },
  spec,
});

describe('chooseConsulProtocol', () => {
  it('given no ServiceDefaults for the apex, or the one this Canary wrote, writes http for all three', () => {
    const expected = { protocol: 'http', writesApexDefaults: true };
    expect(chooseConsulProtocol(podinfoCanary(), undefined)).toEqual(expected);
    expect(
      chooseConsulProtocol(
        podinfoCanary(),
        apexDefaults({ protocol: 'http' }, true),
      ),
    ).toEqual(expected);
  });

  it.each(['http', 'http2', 'grpc'])(
    "given the team's apex ServiceDefaults saying %s, keeps it and gives primary and canary the same",
    protocol => {
      expect(
        chooseConsulProtocol(podinfoCanary(), apexDefaults({ protocol })),
      ).toEqual({ protocol, writesApexDefaults: false });
    },
  );

  it("given the team's apex ServiceDefaults without a protocol (ProxyDefaults says it), assumes http", () => {
    expect(
      chooseConsulProtocol(podinfoCanary(), apexDefaults({ mode: 'direct' })),
    ).toEqual({ protocol: 'http', writesApexDefaults: false });
  });

  it('given an apex that speaks tcp, says Consul cannot split it and what to set', () => {
    expect(() =>
      chooseConsulProtocol(podinfoCanary(), apexDefaults({ protocol: 'tcp' })),
    ).toThrow(
      'ServiceDefaults test/podinfo sets protocol tcp: Consul routes and splits requests (ServiceRouter, ServiceSplitter) only of http, http2 and grpc services; set its spec.protocol to http (or http2, grpc)',
    );
  });
});
