import { podinfoWithAnalysis } from './testing/podinfoWithAnalysis';
import { startWebhookReceiver } from './testing/startWebhookReceiver';
import { runEventWebhooks } from './runEventWebhooks';

describe('runEventWebhooks', () => {
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  afterEach(async () => {
    await receiver?.stop();
  });

  it('given two event hooks and a rollout hook, sends the event to both event hooks with the event in metadata, which their own metadata cannot overwrite', async () => {
    receiver = await startWebhookReceiver({
      '/slack-bridge': { status: 200 },
      '/audit': { status: 502, body: 'bad gateway' },
      '/load': { status: 200 },
    });
    const { url, requests } = receiver;
    const { canary, spec } = podinfoWithAnalysis(
      {
        webhooks: [
          { name: 'load', url: url('/load') },
          {
            name: 'slack-bridge',
            type: 'event',
            url: url('/slack-bridge'),
            metadata: { channel: '#releases', eventType: 'spoofed' },
          },
          { name: 'audit', type: 'event', url: url('/audit') },
        ],
      },
      { phase: 'Progressing', lastAppliedSpec: 'rev-b' },
    );

    const results = await runEventWebhooks({
      canary,
      spec,
      severity: 'Normal',
      message: 'Advance podinfo.test canary weight 40',
      now: new Date('2026-03-01T12:00:00.250Z'),
    });

    expect(results).toStrictEqual([
      { name: 'slack-bridge', type: 'event', passed: true },
      {
        name: 'audit',
        type: 'event',
        passed: false,
        message: 'HTTP 502: bad gateway',
      },
    ]);
    const event = {
      eventMessage: 'Advance podinfo.test canary weight 40',
      eventType: 'Normal',
      timestamp: String(Date.parse('2026-03-01T12:00:00.250Z')),
    };
    expect(
      [...requests].sort((a, b) => a.path.localeCompare(b.path)),
    ).toStrictEqual([
      {
        method: 'POST',
        path: '/audit',
        contentType: 'application/json',
        body: {
          name: 'podinfo',
          namespace: 'test',
          phase: 'Progressing',
          checksum: 'rev-b',
          metadata: event,
        },
      },
      {
        method: 'POST',
        path: '/slack-bridge',
        contentType: 'application/json',
        body: {
          name: 'podinfo',
          namespace: 'test',
          phase: 'Progressing',
          checksum: 'rev-b',
          metadata: { channel: '#releases', ...event },
        },
      },
    ]);
    expect(event.timestamp).toBe('1772366400250');
  });

  it('given a Warning on a Canary without status yet, sends an empty phase and checksum', async () => {
    receiver = await startWebhookReceiver({ '/': { status: 200 } });
    const { canary, spec } = podinfoWithAnalysis(
      { webhooks: [{ name: 'audit', type: 'event', url: receiver.url('/') }] },
      {},
    );

    await runEventWebhooks({
      canary,
      spec,
      severity: 'Warning',
      message: 'Halt podinfo.test advancement success rate 91.80% < 99%',
      now: new Date(0),
    });

    expect(receiver.requests.map(r => r.body)).toStrictEqual([
      {
        name: 'podinfo',
        namespace: 'test',
        phase: '',
        checksum: '',
        metadata: {
          eventMessage:
            'Halt podinfo.test advancement success rate 91.80% < 99%',
          eventType: 'Warning',
          timestamp: '0',
        },
      },
    ]);
  });

  it('given no event hooks, calls nothing', async () => {
    const { canary, spec } = podinfoWithAnalysis({
      webhooks: [{ name: 'load', url: 'http://127.0.0.1:1/' }],
    });
    expect(
      await runEventWebhooks({
        canary,
        spec,
        severity: 'Normal',
        message: 'x',
        now: new Date(0),
      }),
    ).toStrictEqual([]);
  });
});
