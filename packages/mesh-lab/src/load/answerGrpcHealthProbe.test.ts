import type { V1Endpoints, V1Service } from '@kubernetes/client-node';
import { answerGrpcHealthProbe } from './answerGrpcHealthProbe';

const probe = { addr: 'podinfo-canary:9999', host: 'podinfo-canary', port: 9999, connectTimeoutMs: 1000 };
const service: V1Service = {
  spec: {
    clusterIP: '10.0.0.12',
    ports: [
      { name: 'http', port: 9898, targetPort: 9898 as any },
      { name: 'grpc', port: 9999, targetPort: 9999 as any },
    ],
  },
};
const endpoints = (ready: boolean): V1Endpoints => ({
  subsets: [
    {
      [ready ? 'addresses' : 'notReadyAddresses']: [{ ip: '10.1.0.5' }],
      ports: [
        { name: 'http', port: 9898 },
        { name: 'grpc', port: 9999 },
      ],
    },
  ],
});
const timeout = {
  exitCode: 2,
  stdout: '',
  stderr: 'timeout: failed to connect service "podinfo-canary:9999" within 1s\n',
};

describe('answerGrpcHealthProbe', () => {
  it('answers SERVING (exit 0) when the port has a ready endpoint', () => {
    expect(answerGrpcHealthProbe(probe, { service, endpoints: endpoints(true) })).toEqual({
      exitCode: 0,
      stdout: '',
      stderr: 'status: SERVING\n',
    });
  });

  it('fails to connect (exit 2) with only not-ready endpoints, no Service, or a port it does not serve', () => {
    expect(answerGrpcHealthProbe(probe, { service, endpoints: endpoints(false) })).toEqual(timeout);
    expect(answerGrpcHealthProbe(probe, {})).toEqual(timeout);
    expect(answerGrpcHealthProbe({ ...probe, port: 7000, addr: 'podinfo-canary:9999' }, { service, endpoints: endpoints(true) })).toEqual(timeout);
    expect(
      answerGrpcHealthProbe({ ...probe, connectTimeoutMs: 1500 }, { service, endpoints: { subsets: [] } }).stderr,
    ).toBe('timeout: failed to connect service "podinfo-canary:9999" within 1.5s\n');
  });

  it('matches a headless Service by the endpoint port itself', () => {
    const headless: V1Service = { spec: { clusterIP: 'None', ports: [{ name: 'grpc', port: 9999 }] } };
    expect(answerGrpcHealthProbe(probe, { service: headless, endpoints: endpoints(true) }).exitCode).toBe(0);
  });
});
