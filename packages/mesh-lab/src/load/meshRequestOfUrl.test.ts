import { meshRequestOfUrl } from './meshRequestOfUrl';

describe('meshRequestOfUrl', () => {
  it("sends hey's -host as the Host header to the URL's host, a gateway's Service here", () => {
    expect(
      meshRequestOfUrl(new URL('http://istio-ingressgateway.istio-system/'), {
        hostHeader: 'app.example.com',
        namespace: 'test',
      }),
    ).toEqual({
      host: 'istio-ingressgateway.istio-system',
      namespace: 'test',
      path: '/',
      headers: { host: 'app.example.com' },
    });
  });

  it("keeps curl's Host header and the other headers", () => {
    expect(
      meshRequestOfUrl(new URL('http://istio-ingressgateway.istio-system/status/500?x=1'), {
        hostHeader: 'app.example.com',
        headers: { host: 'app.example.com', 'x-canary': 'insider' },
        namespace: 'test',
      }),
    ).toEqual({
      host: 'istio-ingressgateway.istio-system',
      namespace: 'test',
      path: '/status/500?x=1',
      headers: { host: 'app.example.com', 'x-canary': 'insider' },
    });
  });

  it('adds no Host header when the command names none, or the same host', () => {
    expect(
      meshRequestOfUrl(new URL('http://podinfo-canary.test:9898/'), {
        hostHeader: 'podinfo-canary.test',
        headers: { 'x-canary': 'insider' },
        namespace: 'test',
      }).headers,
    ).toEqual({ 'x-canary': 'insider' });
    expect(meshRequestOfUrl(new URL('http://podinfo.test/'), { namespace: 'test' }).headers).toEqual({});
  });
});
