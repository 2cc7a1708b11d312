import { inClusterServiceOf } from './inClusterServiceOf';

describe('inClusterServiceOf', () => {
  it.each([
    [
      'http://flagger-loadtester.test/',
      {
        namespace: 'test',
        service: 'flagger-loadtester',
        port: '80',
        scheme: 'http',
      },
      '/',
    ],
    [
      'http://flagger-loadtester.test.svc:8080/gate/check?x=1',
      {
        namespace: 'test',
        service: 'flagger-loadtester',
        port: '8080',
        scheme: 'http',
      },
      '/gate/check?x=1',
    ],
    [
      'https://hooks.ci.svc.cluster.local/rollout',
      { namespace: 'ci', service: 'hooks', port: '443', scheme: 'https' },
      '/rollout',
    ],
  ])(
    'sends %s to that Service through the API server',
    (url, target, pathAndQuery) => {
      expect(inClusterServiceOf(url)).toEqual({ target, pathAndQuery });
    },
  );

  it.each([
    'https://hooks.slack.com/services/T000',
    'http://10.0.0.12:8080/',
    'http://localhost:8080/',
    'http://127.0.0.1:9898/',
    'vane://approval',
  ])('calls %s directly', url => {
    expect(inClusterServiceOf(url)).toBeUndefined();
  });
});
