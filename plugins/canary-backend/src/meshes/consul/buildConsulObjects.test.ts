import type { MeshRoutes } from '@vane/plugin-canary-node';
import {
  PODINFO_OWNER,
  podinfoCanary,
} from '../../routers/testing/podinfoCanary';
import { stickyPodinfoCanary } from '../../routers/testing/stickyPodinfoCanary';
import { buildConsulObjects } from './buildConsulObjects';

const HTTP = { protocol: 'http', writesApexDefaults: true };
const routes = (canaryWeight: number, more: Partial<MeshRoutes> = {}) => ({
  primaryWeight: 100 - canaryWeight,
  canaryWeight,
  mirrored: false,
  ...more,
});
const metadata = (name: string) => ({
  name,
  namespace: 'test',
  ownerReferences: [PODINFO_OWNER],
});
const routesOf = (objects: ReturnType<typeof buildConsulObjects>) =>
  (objects.serviceRouter?.spec as { routes: unknown[] } | undefined)?.routes;
/** A route's match of requests whose Cookie header carries `cookie` (no regex characters in it). */
const carrying = (cookie: string) => ({
  http: {
    header: [
      {
        name: 'cookie',
        regex: `^(.*;\\s*)?${cookie}(;.*)?$`,
      },
    ],
  },
});
const splitsOf = (objects: ReturnType<typeof buildConsulObjects>) =>
  (objects.serviceSplitter.spec as { splits: unknown[] }).splits;

describe('buildConsulObjects', () => {
  it('given the seed canary at weight 30, splits the apex between the primary and canary services and makes all three http, with no router', () => {
    expect(buildConsulObjects(podinfoCanary(), routes(30), HTTP)).toEqual({
      serviceDefaults: ['podinfo', 'podinfo-primary', 'podinfo-canary'].map(
        name => ({
          apiVersion: 'consul.hashicorp.com/v1alpha1',
          kind: 'ServiceDefaults',
          metadata: metadata(name),
          spec: { protocol: 'http' },
        }),
      ),
      serviceSplitter: {
        apiVersion: 'consul.hashicorp.com/v1alpha1',
        kind: 'ServiceSplitter',
        metadata: metadata('podinfo'),
        spec: {
          splits: [
            { weight: 70, service: 'podinfo-primary' },
            { weight: 30, service: 'podinfo-canary' },
          ],
        },
      },
    });
  });

  it("given the team's own apex ServiceDefaults saying grpc, writes only the primary's and canary's, with grpc", () => {
    const objects = buildConsulObjects(podinfoCanary(), routes(0), {
      protocol: 'grpc',
      writesApexDefaults: false,
    });
    expect(objects.serviceDefaults).toEqual(
      ['podinfo-primary', 'podinfo-canary'].map(name => ({
        apiVersion: 'consul.hashicorp.com/v1alpha1',
        kind: 'ServiceDefaults',
        metadata: metadata(name),
        spec: { protocol: 'grpc' },
      })),
    );
  });

  it('given A/B by header and by cookie, routes each condition through the splitter and everything else to the primary', () => {
    const canary = podinfoCanary({
      analysis: {
        iterations: 10,
        match: [
          { headers: { 'x-canary': { exact: 'insider' } } },
          { headers: { cookie: { regex: '^(.*?;)?(canary=always)(;.*)?$' } } },
        ],
      },
    });
    const objects = buildConsulObjects(canary, routes(100), HTTP);
    expect(splitsOf(objects)).toEqual([
      { weight: 0, service: 'podinfo-primary' },
      { weight: 100, service: 'podinfo-canary' },
    ]);
    expect(objects.serviceRouter).toEqual({
      apiVersion: 'consul.hashicorp.com/v1alpha1',
      kind: 'ServiceRouter',
      metadata: metadata('podinfo'),
      spec: {
        routes: [
          {
            match: {
              http: { header: [{ name: 'x-canary', exact: 'insider' }] },
            },
            destination: { service: 'podinfo' },
          },
          {
            match: {
              http: {
                header: [
                  { name: 'cookie', regex: '^(.*?;)?(canary=always)(;.*)?$' },
                ],
              },
            },
            destination: { service: 'podinfo' },
          },
          { destination: { service: 'podinfo-primary' } },
        ],
      },
    });
  });

  it('given header routes of analysis.steps, sends their requests to the canary service first, one route per match, in the order they were set', () => {
    const objects = buildConsulObjects(
      podinfoCanary({ analysis: { stepWeight: undefined, steps: [] } }),
      routes(20, {
        headerRoutes: [
          {
            name: 'insiders',
            match: [
              { headerName: 'x-canary', headerValue: { exact: 'insider' } },
              { headerName: 'x-team', headerValue: { prefix: 'web' } },
            ],
          },
          {
            name: 'testers',
            match: [{ headerName: 'x-tester', headerValue: { regex: 'a.*' } }],
          },
        ],
      }),
      HTTP,
    );
    expect(routesOf(objects)).toEqual([
      {
        match: { http: { header: [{ name: 'x-canary', exact: 'insider' }] } },
        destination: { service: 'podinfo-canary' },
      },
      {
        match: { http: { header: [{ name: 'x-team', prefix: 'web' }] } },
        destination: { service: 'podinfo-canary' },
      },
      {
        match: { http: { header: [{ name: 'x-tester', regex: 'a.*' }] } },
        destination: { service: 'podinfo-canary' },
      },
    ]);
    expect(splitsOf(objects)).toEqual([
      { weight: 80, service: 'podinfo-primary' },
      { weight: 20, service: 'podinfo-canary' },
    ]);
  });

  it('given session affinity at weight 20, each split sets its cookie and the router keeps cookie holders on their side', () => {
    const canary = stickyPodinfoCanary({
      canaryWeight: 20,
      sessionAffinityCookie: 'flagger-cookie=LpsIaLdoNZ',
      primarySessionAffinityCookie: 'primary-flagger-cookie=ApvLdqCoMF',
    });
    const objects = buildConsulObjects(canary, routes(20), HTTP);
    expect(splitsOf(objects)).toEqual([
      {
        weight: 80,
        service: 'podinfo-primary',
        // One analysis interval (1m).
        responseHeaders: {
          add: {
            'Set-Cookie': 'primary-flagger-cookie=ApvLdqCoMF; Max-Age=60',
          },
        },
      },
      {
        weight: 20,
        service: 'podinfo-canary',
        responseHeaders: {
          add: { 'Set-Cookie': 'flagger-cookie=LpsIaLdoNZ; Max-Age=21600' },
        },
      },
    ]);
    expect(routesOf(objects)).toEqual([
      {
        match: carrying('flagger-cookie=LpsIaLdoNZ'),
        destination: { service: 'podinfo-canary' },
      },
      {
        match: carrying('primary-flagger-cookie=ApvLdqCoMF'),
        destination: { service: 'podinfo-primary' },
      },
    ]);
  });

  it("given the rollout over (weight 0) with the last run's cookie, routes its holders through the splitter and expires it", () => {
    const canary = stickyPodinfoCanary({
      canaryWeight: 0,
      previousSessionAffinityCookie: 'flagger-cookie=LpsIaLdoNZ',
    });
    const objects = buildConsulObjects(canary, routes(0), HTTP);
    expect(splitsOf(objects)).toEqual([
      { weight: 100, service: 'podinfo-primary' },
      { weight: 0, service: 'podinfo-canary' },
    ]);
    expect(routesOf(objects)).toEqual([
      {
        match: carrying('flagger-cookie=LpsIaLdoNZ'),
        destination: {
          service: 'podinfo',
          responseHeaders: {
            add: { 'Set-Cookie': 'flagger-cookie=LpsIaLdoNZ; Max-Age=-1' },
          },
        },
      },
    ]);
  });

  it('given service.apex labels and annotations, puts them on the splitter and the router of the apex only', () => {
    const canary = podinfoCanary({
      service: {
        apex: { labels: { team: 'web' }, annotations: { owner: 'a' } },
      },
      analysis: {
        iterations: 5,
        match: [{ headers: { 'x-canary': { exact: 'insider' } } }],
      },
    });
    const objects = buildConsulObjects(canary, routes(100), HTTP);
    const apexMetadata = {
      ...metadata('podinfo'),
      labels: { team: 'web' },
      annotations: { owner: 'a' },
    };
    expect(objects.serviceSplitter.metadata).toEqual(apexMetadata);
    expect(objects.serviceRouter?.metadata).toEqual(apexMetadata);
    expect(objects.serviceDefaults[0].metadata).toEqual(metadata('podinfo'));
  });
});
