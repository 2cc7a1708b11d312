import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readPrometheusConfig } from './readPrometheusConfig';

const WHERE = 'canary.clusters[0].prometheus';
const read = (data: JsonObject) =>
  readPrometheusConfig(new ConfigReader(data), WHERE);

describe('readPrometheusConfig', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prometheus-config-'));
  const passwordFile = path.join(dir, 'password');
  fs.writeFileSync(passwordFile, 'secret\n');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads a URL with basic auth from a file, a tenant header and a CA', () => {
    expect(
      read({
        url: 'https://prometheus.example.com/prom/',
        basicAuth: { username: 'vane', passwordFile },
        headers: { 'X-Scope-OrgID': 'team-a' },
        caData: 'LS0tLS1CRUdJTg==',
      }),
    ).toEqual({
      url: 'https://prometheus.example.com/prom',
      basicAuth: { username: 'vane', password: { file: passwordFile } },
      headers: { 'X-Scope-OrgID': 'team-a' },
      bearerToken: undefined,
      ca: { value: 'LS0tLS1CRUdJTg==' },
      skipTLSVerify: false,
    });
  });

  it('reads a Service reached through the API server, its port by name', () => {
    expect(
      read({
        serviceProxy: {
          namespace: 'monitoring',
          service: 'prometheus-k8s',
          port: 'web',
        },
      })?.serviceProxy,
    ).toEqual({
      namespace: 'monitoring',
      service: 'prometheus-k8s',
      port: 'web',
      scheme: 'http',
    });
  });

  it.each([
    [{}, `${WHERE} needs exactly one of url and serviceProxy (got neither)`],
    [
      {
        url: 'http://a:9090',
        serviceProxy: { namespace: 'm', service: 'p', port: 9090 },
      },
      `${WHERE} needs exactly one of url and serviceProxy (got both)`,
    ],
    [
      { url: 'prometheus:9090' },
      `${WHERE}.url must be an http:// or https:// URL (got "prometheus:9090")`,
    ],
    [
      {
        url: 'http://a:9090',
        bearerToken: 't',
        basicAuth: { username: 'u', password: 'p' },
      },
      `${WHERE} has both bearerToken and basicAuth; Prometheus takes one Authorization header, keep one`,
    ],
    [
      { url: 'http://a:9090', basicAuth: { username: 'u' } },
      `${WHERE}.basicAuth needs password or passwordFile`,
    ],
    [
      { url: 'http://a:9090', headers: { Authorization: 'Basic x' } },
      `${WHERE}.headers.Authorization: set bearerToken or basicAuth instead, so the credential can come from a file`,
    ],
    [
      { url: 'http://a:9090', bearerTokenFile: '/nonexistent/token' },
      `${WHERE}.bearerTokenFile cannot be read: ENOENT: no such file or directory, access '/nonexistent/token'`,
    ],
    [
      {
        serviceProxy: {
          namespace: 'monitoring',
          service: 'prometheus',
          port: 9090,
        },
        basicAuth: { username: 'u', password: 'p' },
      },
      `${WHERE}.basicAuth does not apply with serviceProxy: the API server authenticates the engine and drops the Authorization header before it forwards a query; expose Prometheus without auth to the API server, or use url`,
    ],
    [
      {
        serviceProxy: {
          namespace: 'Monitoring',
          service: 'prometheus',
          port: 9090,
        },
      },
      `${WHERE}.serviceProxy.namespace must be a lowercase DNS label (got "Monitoring")`,
    ],
    [
      {
        serviceProxy: {
          namespace: 'monitoring',
          service: 'prometheus',
          port: 9090,
          scheme: 'grpc',
        },
      },
      `${WHERE}.serviceProxy.scheme must be http or https (got "grpc")`,
    ],
  ] as Array<[JsonObject, string]>)('refuses %j: %s', (data, message) => {
    expect(() => read(data)).toThrow(message);
  });
});
