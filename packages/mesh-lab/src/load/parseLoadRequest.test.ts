import { parseLoadRequest } from './parseLoadRequest';

describe('parseLoadRequest', () => {
  const dataPlane = {
    findGateway: (ref: string) =>
      ref === 'istio-system/istio-ingressgateway'
        ? { ref, kind: 'istio' as const, address: '10.0.0.20' }
        : { error: `no gateway ${ref}: no Service of an Istio gateway workload and no Gateway API Gateway has that namespace/name` },
  };

  it('takes a load from inside the mesh: host and namespace, headers lower-cased', () => {
    expect(
      parseLoadRequest({ host: 'podinfo', namespace: 'test', rps: 20, headers: { 'X-Canary': 'insider' }, path: '/status/500' }, dataPlane),
    ).toEqual({ host: 'podinfo', namespace: 'test', rps: 20, headers: { 'x-canary': 'insider' }, path: '/status/500' });
  });

  it("takes a load through a known gateway, the host as Host header, the gateway's namespace for the client", () => {
    expect(parseLoadRequest({ gateway: 'istio-system/istio-ingressgateway', host: 'app.example.com', rps: 10 }, dataPlane)).toEqual({
      gateway: 'istio-system/istio-ingressgateway',
      host: 'app.example.com',
      namespace: 'istio-system',
      rps: 10,
      headers: {},
    });
    expect(parseLoadRequest({ gateway: 'istio-system/istio-ingressgateway', rps: 10 }, dataPlane).host).toBeUndefined();
  });

  it('takes a number of sticky clients, and refuses one that is not a whole number from 1 to 10000', () => {
    expect(parseLoadRequest({ host: 'podinfo', namespace: 'test', rps: 20, clients: 50 }, dataPlane)).toMatchObject({ clients: 50 });
    expect(() => parseLoadRequest({ host: 'podinfo', namespace: 'test', rps: 20, clients: 0.5 }, dataPlane)).toThrow(
      'load clients must be a whole number of sticky clients between 1 and 10000 (got 0.5)',
    );
  });

  it('refuses an unknown gateway, naming it', () => {
    expect(() => parseLoadRequest({ gateway: 'istio-system/missing', rps: 10 }, dataPlane)).toThrow(
      'load gateway: no gateway istio-system/missing: no Service of an Istio gateway workload and no Gateway API Gateway has that namespace/name',
    );
  });

  it('refuses a load without a target, without rps, or with a bad field, naming it', () => {
    expect(() => parseLoadRequest({ host: 'podinfo', rps: 10 }, dataPlane)).toThrow(
      'a load needs a host and its namespace (from inside the mesh) or a gateway (through it)',
    );
    expect(() => parseLoadRequest({ host: 'podinfo', namespace: 'test' }, dataPlane)).toThrow(
      'load rps must be a number of requests per second, 0 or more (got undefined)',
    );
    expect(() => parseLoadRequest({ host: 'podinfo', namespace: 'test', rps: 1, path: 'status' }, dataPlane)).toThrow(
      'load path must start with / (got status)',
    );
    expect(() => parseLoadRequest({ host: 7, namespace: 'test', rps: 1 }, dataPlane)).toThrow('load host must be a string (got 7)');
    expect(() => parseLoadRequest([], dataPlane)).toThrow('a load is a JSON object');
  });
});
