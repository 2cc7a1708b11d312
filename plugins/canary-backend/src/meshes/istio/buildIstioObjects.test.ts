import {
  PODINFO_OWNER,
  podinfoCanary,
} from '../../routers/testing/podinfoCanary';
import { buildIstioObjects } from './buildIstioObjects';
import { readIstioRoutes } from './readIstioRoutes';

const metadata = (name: string) => ({
  name,
  namespace: 'test',
  ownerReferences: [PODINFO_OWNER],
});

describe('buildIstioObjects', () => {
  it('given the seed canary at weight 40, routes 60/40 inside the mesh and writes both DestinationRules', () => {
    const objects = buildIstioObjects(podinfoCanary(), {
      primaryWeight: 60,
      canaryWeight: 40,
      mirrored: false,
    });

    expect(objects).toEqual({
      virtualService: {
        apiVersion: 'networking.istio.io/v1beta1',
        kind: 'VirtualService',
        metadata: metadata('podinfo'),
        spec: {
          hosts: ['podinfo'],
          gateways: ['mesh'],
          http: [
            {
              route: [
                { destination: { host: 'podinfo-primary' }, weight: 60 },
                { destination: { host: 'podinfo-canary' }, weight: 40 },
              ],
            },
          ],
        },
      },
      destinationRules: [
        {
          apiVersion: 'networking.istio.io/v1beta1',
          kind: 'DestinationRule',
          metadata: metadata('podinfo-primary'),
          spec: { host: 'podinfo-primary' },
        },
        {
          apiVersion: 'networking.istio.io/v1beta1',
          kind: 'DestinationRule',
          metadata: metadata('podinfo-canary'),
          spec: { host: 'podinfo-canary' },
        },
      ],
    });
  });

  it('given a public gateway, hosts and service options, keeps the gateways, adds the apex host and copies the options to the route', () => {
    const canary = podinfoCanary({
      service: {
        name: 'frontend',
        gateways: ['public-gateway.istio-system.svc.cluster.local'],
        hosts: ['app.example.com'],
        timeout: '5s',
        retries: { attempts: 3, perTryTimeout: '1s' },
        match: [{ uri: { prefix: '/api' } }],
        trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } },
      },
    });

    const objects = buildIstioObjects(canary, {
      primaryWeight: 100,
      canaryWeight: 0,
      mirrored: false,
    });

    expect(objects.virtualService).toEqual({
      apiVersion: 'networking.istio.io/v1beta1',
      kind: 'VirtualService',
      metadata: metadata('frontend'),
      spec: {
        hosts: ['app.example.com', 'frontend'],
        gateways: ['public-gateway.istio-system.svc.cluster.local'],
        http: [
          {
            match: [{ uri: { prefix: '/api' } }],
            timeout: '5s',
            retries: { attempts: 3, perTryTimeout: '1s' },
            route: [
              { destination: { host: 'frontend-primary' }, weight: 100 },
              { destination: { host: 'frontend-canary' }, weight: 0 },
            ],
          },
        ],
      },
    });
    expect(objects.destinationRules[1]).toEqual({
      apiVersion: 'networking.istio.io/v1beta1',
      kind: 'DestinationRule',
      metadata: metadata('frontend-canary'),
      spec: {
        host: 'frontend-canary',
        trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } },
      },
    });
  });

  it('given a rewrite, header operations and a CORS policy, copies them to every route, A/B routes included, as Flagger', () => {
    const options = {
      rewrite: { uri: '/', authority: 'podinfo.internal' },
      headers: {
        request: { add: { 'x-release': 'canary' } },
        response: { remove: ['x-envoy-upstream-service-time'] },
      },
      corsPolicy: {
        allowOrigins: [{ exact: 'https://example.com' }],
        maxAge: '24h',
      },
    };
    const objects = buildIstioObjects(
      podinfoCanary({
        service: options,
        analysis: {
          iterations: 10,
          stepWeight: undefined,
          maxWeight: undefined,
          match: [{ headers: { 'x-canary': { exact: 'insider' } } }],
        },
      }),
      { primaryWeight: 0, canaryWeight: 100, mirrored: false },
    );
    const http = (objects.virtualService.spec as any).http;
    expect(http).toHaveLength(2);
    for (const route of http) {
      expect(route).toMatchObject(options);
    }
  });

  it('given a wildcard host, does not add the apex host', () => {
    const objects = buildIstioObjects(
      podinfoCanary({ service: { hosts: ['*'] } }),
      { primaryWeight: 100, canaryWeight: 0, mirrored: false },
    );
    expect((objects.virtualService.spec as { hosts: string[] }).hosts).toEqual([
      '*',
    ]);
  });

  it('given an A/B canary with a header and a cookie match, sends matching requests to the canary and the rest to the primary', () => {
    const canary = podinfoCanary({
      analysis: {
        iterations: 10,
        stepWeight: undefined,
        maxWeight: undefined,
        match: [
          { headers: { 'x-canary': { exact: 'insider' } } },
          { headers: { cookie: { regex: '^(.*?;)?(canary=always)(;.*)?$' } } },
        ],
      },
    });

    const objects = buildIstioObjects(canary, {
      primaryWeight: 0,
      canaryWeight: 100,
      mirrored: false,
    });

    expect(objects.virtualService.spec).toEqual({
      hosts: ['podinfo'],
      gateways: ['mesh'],
      http: [
        {
          match: [
            { headers: { 'x-canary': { exact: 'insider' } } },
            {
              headers: {
                cookie: { regex: '^(.*?;)?(canary=always)(;.*)?$' },
              },
            },
          ],
          route: [
            { destination: { host: 'podinfo-primary' }, weight: 0 },
            { destination: { host: 'podinfo-canary' }, weight: 100 },
          ],
        },
        {
          route: [{ destination: { host: 'podinfo-primary' }, weight: 100 }],
        },
      ],
    });
  });

  it('given an A/B canary on a URI prefix, combines each header match with the prefix', () => {
    const canary = podinfoCanary({
      service: { match: [{ uri: { prefix: '/api' } }] },
      analysis: {
        iterations: 10,
        match: [{ headers: { 'x-canary': { exact: 'insider' } } }],
      },
    });

    const objects = buildIstioObjects(canary, {
      primaryWeight: 0,
      canaryWeight: 100,
      mirrored: false,
    });

    expect(objects.virtualService.spec).toEqual({
      hosts: ['podinfo'],
      gateways: ['mesh'],
      http: [
        {
          match: [
            {
              uri: { prefix: '/api' },
              headers: { 'x-canary': { exact: 'insider' } },
            },
          ],
          route: [
            { destination: { host: 'podinfo-primary' }, weight: 0 },
            { destination: { host: 'podinfo-canary' }, weight: 100 },
          ],
        },
        {
          match: [{ uri: { prefix: '/api' } }],
          route: [{ destination: { host: 'podinfo-primary' }, weight: 100 }],
        },
      ],
    });
  });

  it.each([
    [
      'blue/green with mirroring at 50%',
      { iterations: 10, mirror: true, mirrorWeight: 50 },
    ],
    [
      "a weighted canary's mirror step (stepWeight 20, mirror at 50%, weight 0)",
      { mirror: true, mirrorWeight: 50 },
    ],
  ])(
    'given %s, mirrors half the traffic to the canary while the primary serves it all',
    (_, analysis) => {
      const canary = podinfoCanary({ analysis });

      const objects = buildIstioObjects(canary, {
        primaryWeight: 100,
        canaryWeight: 0,
        mirrored: true,
      });

      expect(objects.virtualService.spec).toEqual({
        hosts: ['podinfo'],
        gateways: ['mesh'],
        http: [
          {
            route: [
              { destination: { host: 'podinfo-primary' }, weight: 100 },
              { destination: { host: 'podinfo-canary' }, weight: 0 },
            ],
            mirror: { host: 'podinfo-canary' },
            mirrorPercentage: { value: 50 },
          },
        ],
      });
    },
  );

  it('given mirroring without a mirrorWeight, mirrors everything (no mirrorPercentage)', () => {
    const canary = podinfoCanary({ analysis: { iterations: 5, mirror: true } });
    const objects = buildIstioObjects(canary, {
      primaryWeight: 100,
      canaryWeight: 0,
      mirrored: true,
    });
    expect(objects.virtualService.spec).toEqual({
      hosts: ['podinfo'],
      gateways: ['mesh'],
      http: [
        {
          route: [
            { destination: { host: 'podinfo-primary' }, weight: 100 },
            { destination: { host: 'podinfo-canary' }, weight: 0 },
          ],
          mirror: { host: 'podinfo-canary' },
        },
      ],
    });
  });

  describe("Argo Rollouts' steps: setHeaderRoute and setMirrorRoute", () => {
    const steps = podinfoCanary({
      service: { match: [{ uri: { prefix: '/api' } }], timeout: '5s' },
      analysis: {
        stepWeight: undefined,
        maxWeight: undefined,
        steps: [{ setWeight: 20 }],
      },
    });
    const routes = {
      primaryWeight: 80,
      canaryWeight: 20,
      mirrored: false,
      headerRoutes: [
        {
          name: 'beta',
          match: [
            { headerName: 'x-beta', headerValue: { exact: 'yes' } },
            { headerName: 'user-agent', headerValue: { regex: '.*Firefox.*' } },
          ],
        },
      ],
      mirrorRoutes: [
        {
          name: 'copy',
          percentage: 35,
          match: [
            {
              method: { exact: 'GET' },
              path: { prefix: '/api/v2' },
              headers: { 'x-copy': { prefix: 'y' } },
            },
          ],
        },
      ],
    };
    const weighted = [
      { destination: { host: 'podinfo-primary' }, weight: 80 },
      { destination: { host: 'podinfo-canary' }, weight: 20 },
    ];

    it('given a header and a mirror route in effect, writes them as named routes before the weighted one, as Argo Rollouts does', () => {
      expect(buildIstioObjects(steps, routes).virtualService.spec).toEqual({
        hosts: ['podinfo'],
        gateways: ['mesh'],
        http: [
          {
            name: 'beta',
            match: [
              {
                uri: { prefix: '/api' },
                headers: { 'x-beta': { exact: 'yes' } },
              },
              {
                uri: { prefix: '/api' },
                headers: { 'user-agent': { regex: '.*Firefox.*' } },
              },
            ],
            timeout: '5s',
            route: [{ destination: { host: 'podinfo-canary' }, weight: 100 }],
          },
          {
            name: 'copy',
            match: [
              {
                uri: { prefix: '/api/v2' },
                method: { exact: 'GET' },
                headers: { 'x-copy': { prefix: 'y' } },
              },
            ],
            timeout: '5s',
            route: weighted,
            mirror: { host: 'podinfo-canary' },
            mirrorPercentage: { value: 35 },
          },
          {
            match: [{ uri: { prefix: '/api' } }],
            timeout: '5s',
            route: weighted,
          },
        ],
      });
    });

    it('reads back the weights of the weighted route, not of the named step routes before it', () => {
      const { virtualService } = buildIstioObjects(steps, routes);
      expect(
        readIstioRoutes(virtualService, {
          primaryName: 'podinfo-primary',
          canaryName: 'podinfo-canary',
        }),
      ).toEqual({ primaryWeight: 80, canaryWeight: 20, mirrored: false });
    });

    it('given no step routes (a rollback, a promotion), writes the weighted route alone', () => {
      const { virtualService } = buildIstioObjects(steps, {
        primaryWeight: 100,
        canaryWeight: 0,
        mirrored: false,
      });
      expect((virtualService.spec as any).http).toHaveLength(1);
    });
  });

  it('refuses a Canary read without its uid, which owner references need', () => {
    const canary = podinfoCanary();
    delete canary.metadata.uid;
    expect(() =>
      buildIstioObjects(canary, {
        primaryWeight: 100,
        canaryWeight: 0,
        mirrored: false,
      }),
    ).toThrow(
      'Canary test/podinfo has no metadata.uid; routers need the Canary as stored in the cluster to own their objects',
    );
  });

  it('given delegation, writes a delegate VirtualService without hosts or gateways, as Flagger', () => {
    const { virtualService } = buildIstioObjects(
      podinfoCanary({ service: { delegation: true } }),
      { primaryWeight: 90, canaryWeight: 10, mirrored: false },
    );
    expect(virtualService.spec).toEqual({
      hosts: [],
      gateways: [],
      http: [
        {
          route: [
            { destination: { host: 'podinfo-primary' }, weight: 90 },
            { destination: { host: 'podinfo-canary' }, weight: 10 },
          ],
        },
      ],
    });
  });

  it('given discovered ports behind a gateway, names the service port in every destination, as Flagger', () => {
    const { virtualService } = buildIstioObjects(
      podinfoCanary({
        service: { portDiscovery: true, gateways: ['public-gateway'] },
        analysis: {
          iterations: 10,
          match: [{ headers: { 'x-canary': { exact: 'insider' } } }],
        },
      }),
      { primaryWeight: 0, canaryWeight: 100, mirrored: false },
    );
    const port = { number: 9898 };
    expect((virtualService.spec as any).http.map((r: any) => r.route)).toEqual([
      [
        { destination: { host: 'podinfo-primary', port }, weight: 0 },
        { destination: { host: 'podinfo-canary', port }, weight: 100 },
      ],
      [{ destination: { host: 'podinfo-primary', port }, weight: 100 }],
    ]);
  });

  it('given discovered ports inside the mesh, leaves the port to Istio, as Flagger', () => {
    const { virtualService } = buildIstioObjects(
      podinfoCanary({ service: { portDiscovery: true } }),
      { primaryWeight: 100, canaryWeight: 0, mirrored: false },
    );
    expect((virtualService.spec as any).http[0].route[0]).toEqual({
      destination: { host: 'podinfo-primary' },
      weight: 100,
    });
  });

  it('given service.apex and a rewrite with a Gateway API type, labels and annotates the VirtualService and leaves the type out of the Istio rewrite', () => {
    const { virtualService } = buildIstioObjects(
      podinfoCanary({
        service: {
          apex: {
            labels: { team: 'reviews' },
            annotations: { 'example.com/owner': 'reviews' },
          },
          rewrite: {
            uri: '/v2',
            authority: 'podinfo.internal',
            type: 'ReplaceFullPath',
          },
        },
      }),
      { primaryWeight: 100, canaryWeight: 0, mirrored: false },
    );
    expect(virtualService.metadata).toEqual({
      ...metadata('podinfo'),
      labels: { team: 'reviews' },
      annotations: { 'example.com/owner': 'reviews' },
    });
    expect((virtualService.spec as any).http[0].rewrite).toEqual({
      uri: '/v2',
      authority: 'podinfo.internal',
    });
  });
});
