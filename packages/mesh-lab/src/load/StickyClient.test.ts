import { StickyClient } from './StickyClient';

const answer = (setCookies: string[], workload = 'podinfo') => ({
  served: { [workload]: 1 },
  responseHeaders: setCookies.map(value => ['set-cookie', value] as [string, string]),
});

describe('StickyClient', () => {
  it('keeps the cookies its answers set and sends them back, until an answer expires one (Max-Age=-1)', () => {
    const client = new StickyClient('http://podinfo.test/');
    expect(client.cookie()).toBe('');
    client.receive(answer(['flagger-cookie=LpsIaLdoNZ; Max-Age=21600']));
    client.receive(answer([], 'podinfo-primary'));
    expect(client.cookie()).toBe('flagger-cookie=LpsIaLdoNZ');
    client.receive(answer(['primary-cookie=ApvLdqCoMF; Max-Age=60'], 'podinfo-primary'));
    expect(client.cookie()).toBe('flagger-cookie=LpsIaLdoNZ; primary-cookie=ApvLdqCoMF');
    client.receive(answer(['flagger-cookie=LpsIaLdoNZ; Max-Age=-1'], 'podinfo-primary'));
    expect(client.cookie()).toBe('primary-cookie=ApvLdqCoMF');
    expect(client.served).toEqual({ podinfo: 1, 'podinfo-primary': 3 });
  });

  it('drops what a browser refuses (a cookie for another domain) and sends a Path cookie only below its path', () => {
    const client = new StickyClient('http://podinfo.test/');
    client.receive(answer(['foreign=1; Domain=fluxcd.io', 'scoped=1; Path=/flagger']));
    expect(client.cookie()).toBe('');
  });
});
