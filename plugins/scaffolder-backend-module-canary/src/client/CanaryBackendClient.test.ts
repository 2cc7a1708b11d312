import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CanaryBackendClient } from './CanaryBackendClient';

// A stand-in canary backend on 127.0.0.1 that records what it was asked and answers as told.
describe('CanaryBackendClient', () => {
  let server: http.Server;
  let baseUrl: string;
  let answer: { status: number; body: unknown };
  const received: Array<{
    method?: string;
    url?: string;
    authorization?: string;
    body: string;
  }> = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', chunk => {
        body += chunk;
      });
      req.on('end', () => {
        received.push({
          method: req.method,
          url: req.url,
          authorization: req.headers.authorization,
          body,
        });
        res.statusCode = answer.status;
        res.setHeader('Content-Type', 'application/json');
        res.end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>(resolve =>
      server.listen(0, '127.0.0.1', () => resolve()),
    );
    baseUrl = `http://127.0.0.1:${
      (server.address() as AddressInfo).port
    }/api/canary`;
  });

  afterAll(async () => {
    await new Promise(resolve => server.close(resolve));
  });

  beforeEach(() => {
    received.length = 0;
  });

  const client = () =>
    new CanaryBackendClient({
      auth: mockServices.auth({ pluginId: 'scaffolder' }),
      discovery: {
        getBaseUrl: async () => baseUrl,
        getExternalBaseUrl: async () => baseUrl,
      },
    });
  const guest = mockCredentials.user('user:default/guest');

  it("posts the Canary for the entity with a token on the user's behalf", async () => {
    answer = {
      status: 201,
      body: {
        cluster: 'lab',
        namespace: 'test',
        name: 'reviews',
        result: 'created',
      },
    };
    const result = await client().applyCanary(
      guest,
      'component:default/reviews',
      {
        cluster: 'lab',
        canary: { kind: 'Canary' },
      },
    );
    expect(result.result).toBe('created');
    expect(received[0]).toMatchObject({
      method: 'POST',
      url: '/api/canary/entities/component/default/reviews/canaries',
      authorization: mockCredentials.service.header({
        onBehalfOf: guest,
        targetPluginId: 'canary',
      }),
    });
    expect(JSON.parse(received[0].body)).toEqual({
      cluster: 'lab',
      canary: { kind: 'Canary' },
    });
  });

  it("turns a refusal into an error that keeps the canary backend's message", async () => {
    answer = {
      status: 403,
      body: {
        error: {
          name: 'NotAllowedError',
          message:
            'Only owners of component:default/checkout may apply Canaries for it (canary.rollout.update)',
        },
      },
    };
    const refused = client().applyCanary(guest, 'component:default/checkout', {
      cluster: 'lab',
      canary: {},
    });
    await expect(refused).rejects.toMatchObject({
      name: 'NotAllowedError',
      message:
        'The canary backend refused POST /entities/component/default/checkout/canaries (HTTP 403): Only owners of component:default/checkout may apply Canaries for it (canary.rollout.update)',
    });
  });

  it('reads the state of an applied Canary by cluster, namespace and name', async () => {
    answer = {
      status: 200,
      body: { phase: 'Initialized', conditions: [], specErrors: [] },
    };
    const state = await client().canaryState(
      guest,
      'component:default/reviews',
      {
        cluster: 'lab',
        namespace: 'test',
        name: 'reviews',
      },
    );
    expect(state.phase).toBe('Initialized');
    expect(received[0].url).toBe(
      '/api/canary/entities/component/default/reviews/canaries/lab/test/reviews',
    );
  });
});
