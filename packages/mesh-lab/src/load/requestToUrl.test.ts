import { requestToUrl } from './requestToUrl';

describe('requestToUrl', () => {
  it("sends hey's -host as the Host header to the URL's host (a gateway Service here)", () => {
    expect(requestToUrl(new URL('http://istio-ingressgateway.istio-system/'), 'app.example.com', {})).toEqual({
      host: 'istio-ingressgateway.istio-system',
      headers: { host: 'app.example.com' },
    });
  });

  it('adds no Host header when the command names none, or the same host', () => {
    expect(requestToUrl(new URL('http://podinfo-canary.test:9898/'), 'podinfo-canary.test', { 'x-canary': 'insider' })).toEqual({
      host: 'podinfo-canary.test',
      headers: { 'x-canary': 'insider' },
    });
    expect(requestToUrl(new URL('http://podinfo.test/'), undefined, {})).toEqual({ host: 'podinfo.test', headers: {} });
  });
});
