import { closedPort } from './testing/closedPort';
import { podinfoWithAnalysis } from './testing/podinfoWithAnalysis';
import { selfSignedCertificate } from './testing/selfSignedCertificate';
import {
  startWebhookReceiver,
  type WebhookAnswer,
} from './testing/startWebhookReceiver';
import { runWebhooks } from './runWebhooks';

describe('runWebhooks', () => {
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  const listen = async (
    answers: Record<string, WebhookAnswer>,
    options?: Parameters<typeof startWebhookReceiver>[1],
  ) => {
    receiver = await startWebhookReceiver(answers, options);
    return receiver;
  };
  afterEach(async () => {
    await receiver?.stop();
  });

  it("given the seed's load-test rollout hook, POSTs Flagger's JSON payload and passes on 200", async () => {
    const { url, requests } = await listen({
      '/': { status: 200, body: 'ok' },
    });
    const { canary, spec } = podinfoWithAnalysis({
      webhooks: [
        {
          name: 'load-test',
          url: url('/'),
          timeout: '5s',
          metadata: { cmd: 'hey -z 1m -q 10 -c 2 http://podinfo.test:9898/' },
        },
      ],
    });

    const results = await runWebhooks({
      canary,
      spec,
      types: ['rollout'],
      phase: 'Progressing',
    });

    expect(results).toStrictEqual([
      { name: 'load-test', type: 'rollout', passed: true },
    ]);
    expect(requests).toStrictEqual([
      {
        method: 'POST',
        path: '/',
        contentType: 'application/json',
        body: {
          name: 'podinfo',
          namespace: 'test',
          phase: 'Progressing',
          checksum: 'rev-b',
          metadata: { cmd: 'hey -z 1m -q 10 -c 2 http://podinfo.test:9898/' },
        },
      },
    ]);
  });

  it('given hooks of several types, calls only the asked types, type by type, in spec order, without metadata when none is set', async () => {
    const { url, requests } = await listen({
      '/gate': { status: 200 },
      '/smoke': { status: 201 },
      '/load': { status: 202 },
      '/cleanup': { status: 200 },
    });
    const { canary, spec } = podinfoWithAnalysis(
      {
        webhooks: [
          { name: 'load', type: 'rollout', url: url('/load') },
          { name: 'cleanup', type: 'post-rollout', url: url('/cleanup') },
          { name: 'gate', type: 'confirm-rollout', url: url('/gate') },
          { name: 'smoke', type: 'pre-rollout', url: url('/smoke') },
        ],
      },
      { phase: 'Waiting', lastAppliedSpec: 'rev-b' },
    );

    const results = await runWebhooks({
      canary,
      spec,
      types: ['confirm-rollout', 'pre-rollout', 'rollout'],
      phase: 'Waiting',
    });

    expect(results).toStrictEqual([
      { name: 'gate', type: 'confirm-rollout', passed: true },
      { name: 'smoke', type: 'pre-rollout', passed: true },
      { name: 'load', type: 'rollout', passed: true },
    ]);
    expect(requests.map(r => r.path)).toStrictEqual([
      '/gate',
      '/smoke',
      '/load',
    ]);
    expect(requests[0].body).toStrictEqual({
      name: 'podinfo',
      namespace: 'test',
      phase: 'Waiting',
      checksum: 'rev-b',
    });
  });

  it('given a hook answering 500, fails with the status and the first 200 characters of the body', async () => {
    const body = `database down: ${'x'.repeat(300)}`;
    const { url } = await listen({ '/': { status: 500, body } });
    const { canary, spec } = podinfoWithAnalysis({
      webhooks: [{ name: 'acceptance', type: 'pre-rollout', url: url('/') }],
    });

    expect(
      await runWebhooks({
        canary,
        spec,
        types: ['pre-rollout'],
        phase: 'Progressing',
      }),
    ).toStrictEqual([
      {
        name: 'acceptance',
        type: 'pre-rollout',
        passed: false,
        message: `HTTP 500: ${body.slice(0, 200)}`,
      },
    ]);
  });

  it('given 204 No Content, fails as in Flagger, where only 200, 201 and 202 pass', async () => {
    const { url } = await listen({ '/': { status: 204 } });
    const { canary, spec } = podinfoWithAnalysis({
      webhooks: [{ name: 'load', url: url('/') }],
    });

    expect(
      await runWebhooks({
        canary,
        spec,
        types: ['rollout'],
        phase: 'Progressing',
      }),
    ).toStrictEqual([
      {
        name: 'load',
        type: 'rollout',
        passed: false,
        message: "HTTP 204: only 200, 201 and 202 pass (Flagger's rule)",
      },
    ]);
  });

  it('given a hook slower than its timeout, fails saying it timed out', async () => {
    const { url, requests } = await listen({ '/': 'never' });
    const { canary, spec } = podinfoWithAnalysis({
      webhooks: [{ name: 'load', url: url('/'), timeout: '100ms' }],
    });

    expect(
      await runWebhooks({
        canary,
        spec,
        types: ['rollout'],
        phase: 'Progressing',
      }),
    ).toStrictEqual([
      {
        name: 'load',
        type: 'rollout',
        passed: false,
        message: 'timed out after 100ms',
      },
    ]);
    expect(requests).toHaveLength(1);
  });

  it('given nothing listening, fails saying the hook is unreachable and why', async () => {
    const port = await closedPort();
    const { canary, spec } = podinfoWithAnalysis({
      webhooks: [{ name: 'load', url: `http://127.0.0.1:${port}/` }],
    });

    expect(
      await runWebhooks({
        canary,
        spec,
        types: ['rollout'],
        phase: 'Progressing',
      }),
    ).toStrictEqual([
      {
        name: 'load',
        type: 'rollout',
        passed: false,
        message: `unreachable: connect ECONNREFUSED 127.0.0.1:${port}`,
      },
    ]);
  });

  it('given an https hook with a self-signed certificate, calls it with disableTLS and refuses it without, webhook by webhook, as Flagger', async () => {
    const { url, requests } = await listen(
      {
        '/insecure': { status: 200, body: 'ok' },
        '/strict': { status: 200, body: 'ok' },
      },
      { tls: selfSignedCertificate() },
    );
    const { canary, spec } = podinfoWithAnalysis({
      webhooks: [
        {
          name: 'smoke',
          type: 'pre-rollout',
          url: url('/insecure'),
          disableTLS: true,
        },
        { name: 'load', url: url('/strict') },
      ],
    });

    const results = await runWebhooks({
      canary,
      spec,
      types: ['pre-rollout', 'rollout'],
      phase: 'Progressing',
    });

    expect(results).toStrictEqual([
      { name: 'smoke', type: 'pre-rollout', passed: true },
      {
        name: 'load',
        type: 'rollout',
        passed: false,
        message: 'unreachable: self-signed certificate',
      },
    ]);
    expect(requests.map(r => [r.path, (r.body as any).name])).toStrictEqual([
      ['/insecure', 'podinfo'],
    ]);
  });

  describe('retries, as go-retryablehttp does them for Flagger', () => {
    it('given retries 2 and a hook that keeps answering 500, sends 3 requests and says so', async () => {
      const { url, requests } = await listen({
        '/': { status: 500, body: 'down' },
      });
      const { canary, spec } = podinfoWithAnalysis({
        webhooks: [{ name: 'load', url: url('/'), retries: 2 }],
      });

      expect(
        await runWebhooks({
          canary,
          spec,
          types: ['rollout'],
          phase: 'Progressing',
          retryWaitMs: 0,
        }),
      ).toStrictEqual([
        {
          name: 'load',
          type: 'rollout',
          passed: false,
          message: 'HTTP 500: down (after 3 attempts)',
        },
      ]);
      expect(requests).toHaveLength(3);
    });

    it('given retries 3 and a 503 then a 200, passes on the second request', async () => {
      const { url, requests } = await listen({
        '/': count =>
          count === 1 ? { status: 503, body: 'warming up' } : { status: 200 },
      });
      const { canary, spec } = podinfoWithAnalysis({
        webhooks: [{ name: 'load', url: url('/'), retries: 3 }],
      });

      expect(
        await runWebhooks({
          canary,
          spec,
          types: ['rollout'],
          phase: 'Progressing',
          retryWaitMs: 0,
        }),
      ).toStrictEqual([{ name: 'load', type: 'rollout', passed: true }]);
      expect(requests).toHaveLength(2);
    });

    it('given retries 3 and a 400 or a 501, does not retry: the answer will not change', async () => {
      const { url, requests } = await listen({
        '/bad': { status: 400, body: 'unknown cmd' },
        '/unimplemented': { status: 501, body: 'no' },
      });
      const { canary, spec } = podinfoWithAnalysis({
        webhooks: [
          { name: 'bad', url: url('/bad'), retries: 3 },
          {
            name: 'unimplemented',
            type: 'post-rollout',
            url: url('/unimplemented'),
            retries: 3,
          },
        ],
      });

      expect(
        await runWebhooks({
          canary,
          spec,
          types: ['rollout', 'post-rollout'],
          phase: 'Succeeded',
          retryWaitMs: 0,
        }),
      ).toStrictEqual([
        {
          name: 'bad',
          type: 'rollout',
          passed: false,
          message: 'HTTP 400: unknown cmd',
        },
        {
          name: 'unimplemented',
          type: 'post-rollout',
          passed: false,
          message: 'HTTP 501: no',
        },
      ]);
      expect(requests.map(r => r.path)).toStrictEqual([
        '/bad',
        '/unimplemented',
      ]);
    });

    it('given retries 1 and a hook that never answers, times out twice', async () => {
      const { url, requests } = await listen({ '/': 'never' });
      const { canary, spec } = podinfoWithAnalysis({
        webhooks: [
          { name: 'load', url: url('/'), timeout: '100ms', retries: 1 },
        ],
      });

      expect(
        await runWebhooks({
          canary,
          spec,
          types: ['rollout'],
          phase: 'Progressing',
          retryWaitMs: 0,
        }),
      ).toStrictEqual([
        {
          name: 'load',
          type: 'rollout',
          passed: false,
          message: 'timed out after 100ms (after 2 attempts)',
        },
      ]);
      expect(requests).toHaveLength(2);
    });
  });

  it('given two pre-rollout hooks and the first fails, does not call the second, as Flagger', async () => {
    const { url, requests } = await listen({
      '/smoke': { status: 500, body: 'smoke test failed' },
      '/migrate': { status: 200 },
    });
    const { canary, spec } = podinfoWithAnalysis({
      webhooks: [
        { name: 'smoke', type: 'pre-rollout', url: url('/smoke') },
        { name: 'migrate', type: 'pre-rollout', url: url('/migrate') },
      ],
    });

    expect(
      await runWebhooks({
        canary,
        spec,
        types: ['pre-rollout'],
        phase: 'Progressing',
      }),
    ).toStrictEqual([
      {
        name: 'smoke',
        type: 'pre-rollout',
        passed: false,
        message: 'HTTP 500: smoke test failed',
      },
    ]);
    expect(requests.map(r => r.path)).toStrictEqual(['/smoke']);
  });

  it('given a failing rollout hook, still asks the gates of the next types, since a gate not asked would count as open', async () => {
    const { url, requests } = await listen({
      '/load': { status: 500, body: 'load test failed' },
      '/promotion': { status: 403, body: 'gate closed' },
    });
    const { canary, spec } = podinfoWithAnalysis({
      webhooks: [
        { name: 'load', type: 'rollout', url: url('/load') },
        {
          name: 'promotion-gate',
          type: 'confirm-promotion',
          url: url('/promotion'),
        },
      ],
    });

    expect(
      await runWebhooks({
        canary,
        spec,
        types: ['rollout', 'confirm-promotion'],
        phase: 'Progressing',
      }),
    ).toStrictEqual([
      {
        name: 'load',
        type: 'rollout',
        passed: false,
        message: 'HTTP 500: load test failed',
      },
      {
        name: 'promotion-gate',
        type: 'confirm-promotion',
        passed: false,
        message: 'not approved yet (HTTP 403: gate closed)',
      },
    ]);
    expect(requests.map(r => r.path)).toStrictEqual(['/load', '/promotion']);
  });

  it('given rollback hooks, reports those not signalling and stops at the first that requests a rollback', async () => {
    const { url, requests } = await listen({
      '/quiet': { status: 400, body: 'rollback gate closed' },
      '/abort': { status: 200 },
      '/later': { status: 200 },
    });
    const { canary, spec } = podinfoWithAnalysis({
      webhooks: [
        { name: 'quiet', type: 'rollback', url: url('/quiet') },
        { name: 'abort', type: 'rollback', url: url('/abort') },
        { name: 'later', type: 'rollback', url: url('/later') },
      ],
    });

    expect(
      await runWebhooks({
        canary,
        spec,
        types: ['rollback'],
        phase: 'Progressing',
      }),
    ).toStrictEqual([
      {
        name: 'quiet',
        type: 'rollback',
        passed: false,
        message: 'no rollback requested (HTTP 400: rollback gate closed)',
      },
      { name: 'abort', type: 'rollback', passed: true },
    ]);
    expect(requests.map(r => r.path)).toStrictEqual(['/quiet', '/abort']);
  });

  it('given an unreachable confirm-rollout gate, reports it as not approved yet with the cause', async () => {
    const port = await closedPort();
    const { canary, spec } = podinfoWithAnalysis({
      webhooks: [
        {
          name: 'approval',
          type: 'confirm-rollout',
          url: `http://127.0.0.1:${port}/gate/check`,
        },
      ],
    });

    expect(
      await runWebhooks({
        canary,
        spec,
        types: ['confirm-rollout'],
        phase: 'Waiting',
      }),
    ).toStrictEqual([
      {
        name: 'approval',
        type: 'confirm-rollout',
        passed: false,
        message: `not approved yet (unreachable: connect ECONNREFUSED 127.0.0.1:${port})`,
      },
    ]);
  });

  it('given the event type, calls nothing and points to runEventWebhooks', async () => {
    const { url, requests } = await listen({ '/': { status: 200 } });
    const { canary, spec } = podinfoWithAnalysis({
      webhooks: [{ name: 'audit', type: 'event', url: url('/') }],
    });

    expect(
      await runWebhooks({
        canary,
        spec,
        types: ['event'],
        phase: 'Progressing',
      }),
    ).toStrictEqual([
      {
        name: 'audit',
        type: 'event',
        passed: false,
        message:
          'event webhooks are sent with each event (runEventWebhooks), not run as a check',
      },
    ]);
    expect(requests).toStrictEqual([]);
  });
});
