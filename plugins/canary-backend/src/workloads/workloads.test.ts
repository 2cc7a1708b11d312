import type { Canary } from '@vane/plugin-canary-common';
import { InMemoryCluster } from '../testing/InMemoryCluster';
import { applyCanaryServices } from './applyCanaryServices';
import { buildCanaryServices } from './buildCanaryServices';
import { canaryServiceUpdate } from './canaryServiceUpdate';
import { deploymentWorkload } from './deploymentWorkload';
import { computeRevision } from './computeRevision';
import { configDataDigest } from './configDataDigest';
import { configReferences } from './configReferences';

const owner = {
  apiVersion: 'delivery.vane.dev/v1alpha1',
  kind: 'Canary',
  name: 'podinfo',
  uid: 'uid-1',
  controller: true,
  blockOwnerDeletion: true,
};

/** The Services of podinfo for a `spec.service`, with podinfo's selectors. */
const podinfoServices = (
  service: Parameters<typeof buildCanaryServices>[0]['service'],
  containers: Array<Record<string, any>> = [],
) =>
  buildCanaryServices({
    name: 'podinfo',
    namespace: 'test',
    service,
    containers,
    primarySelector: { app: 'podinfo-primary' },
    canarySelector: { app: 'podinfo' },
    owner,
  });

/** The Canary that owns them (its uid is the owner's). */
const podinfoCanaryResource = {
  apiVersion: 'delivery.vane.dev/v1alpha1',
  kind: 'Canary',
  metadata: { name: 'podinfo', namespace: 'test', uid: 'uid-1' },
  spec: {},
} as unknown as Canary;

const target = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'podinfo', namespace: 'test', labels: { app: 'podinfo' } },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'podinfo' } },
    template: {
      metadata: {
        labels: { app: 'podinfo' },
        annotations: { 'lab.vane.dev/error-rate': '0' },
      },
      spec: {
        containers: [
          {
            name: 'podinfod',
            image: 'ghcr.io/stefanprodan/podinfo:6.0.0',
            envFrom: [{ configMapRef: { name: 'podinfo-env' } }],
            env: [
              {
                name: 'TOKEN',
                valueFrom: {
                  secretKeyRef: { name: 'podinfo-token', key: 'token' },
                },
              },
            ],
          },
        ],
        volumes: [{ name: 'config', configMap: { name: 'podinfo-config' } }],
      },
    },
  },
};

describe('deploymentWorkload.buildPrimary', () => {
  it('copies the target with the selector suffixed and ConfigMaps/Secrets pointed at their -primary copies', () => {
    expect(
      deploymentWorkload.buildPrimary({
        target,
        primaryName: 'podinfo-primary',
        revision: 'abc',
        owner,
      }),
    ).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: 'podinfo-primary',
        namespace: 'test',
        labels: { app: 'podinfo-primary' },
        annotations: { 'delivery.vane.dev/revision': 'abc' },
        ownerReferences: [owner],
      },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'podinfo-primary' } },
        template: {
          metadata: {
            labels: { app: 'podinfo-primary' },
            annotations: { 'lab.vane.dev/error-rate': '0' },
          },
          spec: {
            containers: [
              {
                name: 'podinfod',
                image: 'ghcr.io/stefanprodan/podinfo:6.0.0',
                envFrom: [{ configMapRef: { name: 'podinfo-env-primary' } }],
                env: [
                  {
                    name: 'TOKEN',
                    valueFrom: {
                      secretKeyRef: {
                        name: 'podinfo-token-primary',
                        key: 'token',
                      },
                    },
                  },
                ],
              },
            ],
            volumes: [
              { name: 'config', configMap: { name: 'podinfo-config-primary' } },
            ],
          },
        },
      },
    });
    // The target itself is left untouched.
    expect(target.spec.template.spec.volumes[0].configMap.name).toBe(
      'podinfo-config',
    );
  });
});

describe('configReferences', () => {
  it('finds every ConfigMap and Secret a pod template reads', () => {
    expect(configReferences(target.spec.template)).toEqual([
      { kind: 'ConfigMap', name: 'podinfo-config' },
      { kind: 'ConfigMap', name: 'podinfo-env' },
      { kind: 'Secret', name: 'podinfo-token' },
    ]);
  });
});

describe('computeRevision', () => {
  const configs = [
    {
      kind: 'ConfigMap',
      name: 'podinfo-config',
      dataDigest: configDataDigest({ data: { a: '1' } }),
    },
  ];

  it('is the same for the same template whatever the key order', () => {
    const reverseKeys = (value: any): any => {
      if (Array.isArray(value)) return value.map(reverseKeys);
      if (!value || typeof value !== 'object') return value;
      return Object.fromEntries(
        Object.entries(value)
          .reverse()
          .map(([k, v]) => [k, reverseKeys(v)]),
      );
    };
    const reordered = reverseKeys(target.spec.template);
    expect(JSON.stringify(reordered)).not.toBe(
      JSON.stringify(target.spec.template),
    );
    expect(computeRevision(reordered, configs)).toBe(
      computeRevision(target.spec.template, configs),
    );
  });

  it('changes with the image and with the data of a referenced ConfigMap', () => {
    const base = computeRevision(target.spec.template, configs);
    const newImage = JSON.parse(JSON.stringify(target.spec.template));
    newImage.spec.containers[0].image = 'ghcr.io/stefanprodan/podinfo:6.1.0';
    expect(computeRevision(newImage, configs)).not.toBe(base);
    expect(
      computeRevision(target.spec.template, [
        { ...configs[0], dataDigest: configDataDigest({ data: { a: '2' } }) },
      ]),
    ).not.toBe(base);
  });
});

describe('configDataDigest', () => {
  it('does not depend on key order, tells data from binaryData, and digests a missing config as an empty one', () => {
    const digest = configDataDigest({ data: { a: '1', b: '2' } });
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(configDataDigest({ data: { b: '2', a: '1' } })).toBe(digest);
    expect(configDataDigest({ binaryData: { a: '1', b: '2' } })).not.toBe(
      digest,
    );
    expect(configDataDigest(undefined)).toBe(configDataDigest({ data: {} }));
    expect(configDataDigest(undefined)).not.toBe(digest);
  });
});

describe('buildCanaryServices', () => {
  it('gives every Service the targetPort and portName of spec.service, as Flagger (portName defaults to http, targetPort to port)', () => {
    const services = buildCanaryServices({
      name: 'podinfo',
      namespace: 'test',
      service: { port: 80, targetPort: 'http-web', portName: 'web' },
      primarySelector: { app: 'podinfo-primary' },
      canarySelector: { app: 'podinfo' },
      owner,
    });
    expect(services.map(s => (s.spec as any).ports)).toEqual([
      [{ name: 'web', protocol: 'TCP', port: 80, targetPort: 'http-web' }],
      [{ name: 'web', protocol: 'TCP', port: 80, targetPort: 'http-web' }],
      [{ name: 'web', protocol: 'TCP', port: 80, targetPort: 'http-web' }],
    ]);
  });

  it('makes the apex, primary and canary Services with the port of spec.service', () => {
    const [apex, primary, canary] = buildCanaryServices({
      name: 'podinfo',
      namespace: 'test',
      service: { port: 9898 },
      primarySelector: { app: 'podinfo-primary' },
      canarySelector: { app: 'podinfo' },
      owner,
    });
    expect(apex.metadata.name).toBe('podinfo');
    expect((apex.spec as any).selector).toEqual({ app: 'podinfo-primary' });
    expect(primary.metadata.name).toBe('podinfo-primary');
    expect(canary).toEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'podinfo-canary',
        namespace: 'test',
        labels: { app: 'podinfo-canary' },
        ownerReferences: [owner],
      },
      spec: {
        type: 'ClusterIP',
        selector: { app: 'podinfo' },
        ports: [
          { name: 'http', protocol: 'TCP', port: 9898, targetPort: 9898 },
        ],
      },
    });
  });
});

describe('buildCanaryServices with Flagger metadata and port options', () => {
  it('given apex, primary and canary metadata, puts each on its Service, with app: <name> over a custom app label, as Flagger', () => {
    const [apex, primary, canary] = podinfoServices({
      port: 9898,
      apex: {
        labels: { team: 'reviews', app: 'custom' },
        annotations: { 'external-dns.alpha.kubernetes.io/hostname': 'a.test' },
      },
      primary: { annotations: { 'example.com/tier': 'primary' } },
      canary: { labels: { tier: 'canary' } },
    });
    expect([apex, primary, canary].map(s => s.metadata)).toEqual([
      {
        name: 'podinfo',
        namespace: 'test',
        labels: { team: 'reviews', app: 'podinfo' },
        annotations: { 'external-dns.alpha.kubernetes.io/hostname': 'a.test' },
        ownerReferences: [owner],
      },
      {
        name: 'podinfo-primary',
        namespace: 'test',
        labels: { app: 'podinfo-primary' },
        annotations: { 'example.com/tier': 'primary' },
        ownerReferences: [owner],
      },
      {
        name: 'podinfo-canary',
        namespace: 'test',
        labels: { tier: 'canary', app: 'podinfo-canary' },
        ownerReferences: [owner],
      },
    ]);
  });

  it("given portDiscovery, adds the target's other container ports, named as Flagger names them, without the mesh proxy's or the service port", () => {
    const [apex, primary, canary] = podinfoServices(
      { port: 9898, portDiscovery: true },
      [
        {
          name: 'podinfod',
          ports: [
            { name: 'http', containerPort: 9898 },
            { name: 'http-metrics', containerPort: 9797 },
            { containerPort: 9999 },
          ],
        },
        {
          name: 'istio-proxy',
          ports: [{ name: 'http-envoy-prom', containerPort: 15090 }],
        },
        { name: 'cache', ports: [{ containerPort: 6379, protocol: 'TCP' }] },
      ],
    );
    const ports = [
      { name: 'http', protocol: 'TCP', port: 9898, targetPort: 9898 },
      { name: 'http-metrics', protocol: 'TCP', port: 9797, targetPort: 9797 },
      { name: 'tcp-podinfod-2', protocol: 'TCP', port: 9999, targetPort: 9999 },
      { name: 'tcp-cache-0', protocol: 'TCP', port: 6379, targetPort: 6379 },
    ];
    expect([apex, primary, canary].map(s => (s.spec as any).ports)).toEqual([
      ports,
      ports,
      ports,
    ]);
  });

  it('given portDiscovery and a named targetPort, skips the container port of that name, whatever its number', () => {
    const [apex] = podinfoServices(
      { port: 80, targetPort: 'http', portDiscovery: true },
      [
        {
          name: 'podinfod',
          ports: [
            { name: 'http', containerPort: 9898 },
            { name: 'grpc', containerPort: 9999 },
          ],
        },
      ],
    );
    expect((apex.spec as any).ports).toEqual([
      { name: 'http', protocol: 'TCP', port: 80, targetPort: 'http' },
      { name: 'grpc', protocol: 'TCP', port: 9999, targetPort: 9999 },
    ]);
  });

  it('given headless, appProtocol and trafficDistribution, makes headless Services with them, as Flagger', () => {
    const [, , canary] = podinfoServices({
      port: 9898,
      headless: true,
      appProtocol: 'kubernetes.io/h2c',
      trafficDistribution: 'PreferClose',
    });
    expect(canary.spec).toEqual({
      type: 'ClusterIP',
      clusterIP: 'None',
      selector: { app: 'podinfo' },
      ports: [
        {
          name: 'http',
          protocol: 'TCP',
          port: 9898,
          targetPort: 9898,
          appProtocol: 'kubernetes.io/h2c',
        },
      ],
      trafficDistribution: 'PreferClose',
    });
  });
});

describe('canaryServiceUpdate', () => {
  const desiredApex = (
    service: Parameters<typeof buildCanaryServices>[0]['service'],
  ) => podinfoServices(service)[0];
  /** The apex as the API server returns it once Vane created it, with the given metadata. */
  const liveApex = (
    metadata: { labels?: any; annotations?: any; ownerReferences?: any },
    more: any = {},
  ) => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: 'podinfo',
      namespace: 'test',
      resourceVersion: '42',
      ownerReferences: [owner],
      ...metadata,
    },
    spec: {
      type: 'ClusterIP',
      clusterIP: '10.0.0.17',
      selector: { app: 'podinfo-primary' },
      ports: [{ name: 'http', protocol: 'TCP', port: 9898, targetPort: 9898 }],
      sessionAffinity: 'None',
      ...more,
    },
  });

  it('given a Service as the spec wants it, patches nothing', () => {
    expect(
      canaryServiceUpdate(
        liveApex({ labels: { app: 'podinfo', team: 'reviews' } }),
        desiredApex({ port: 9898, apex: { labels: { team: 'reviews' } } }),
        { canary: podinfoCanaryResource },
      ),
    ).toBeUndefined();
  });

  it('given changed apex metadata and labels others set, keeps those unmanagedMetadata lists and removes the rest, as Flagger', () => {
    const current = liveApex({
      labels: { app: 'podinfo', team: 'reviews', owner: 'sre', stray: 'x' },
      annotations: {
        'example.com/old': 'a',
        'external-dns.alpha.kubernetes.io/hostname': 'set-by-someone.test',
      },
    });
    const desired = desiredApex({
      port: 9898,
      apex: {
        labels: { team: 'ratings' },
        annotations: { 'example.com/new': 'b' },
      },
    });
    expect(
      canaryServiceUpdate(current, desired, {
        canary: podinfoCanaryResource,
        unmanagedMetadata: {
          labels: ['owner', 'not-there'],
          annotations: ['external-dns.alpha.kubernetes.io/hostname'],
        },
      }),
    ).toEqual({
      metadata: {
        labels: { team: 'ratings', stray: null },
        annotations: { 'example.com/old': null, 'example.com/new': 'b' },
      },
    });
  });

  it('given an apex Service Vane adopted (not owned by the Canary), brings its ports and selector over and leaves its metadata', () => {
    const adopted = liveApex(
      { labels: { app: 'podinfo', stray: 'x' }, ownerReferences: undefined },
      { selector: { app: 'podinfo', version: 'v1' } },
    );
    expect(
      canaryServiceUpdate(
        adopted,
        desiredApex({ port: 9898, apex: { labels: { team: 'reviews' } } }),
        { canary: podinfoCanaryResource },
      ),
    ).toEqual({
      spec: { selector: { app: 'podinfo-primary', version: null } },
    });
  });

  it('given new discovered ports on a NodePort apex whose selector the router switched, patches the ports keeping the node port, and keeps the selector', () => {
    const current = liveApex(
      { labels: { app: 'podinfo' } },
      {
        type: 'NodePort',
        selector: { app: 'podinfo' },
        ports: [
          {
            name: 'http',
            protocol: 'TCP',
            port: 9898,
            targetPort: 9898,
            nodePort: 30080,
          },
        ],
      },
    );
    const [desired] = podinfoServices({ port: 9898, portDiscovery: true }, [
      { name: 'podinfod', ports: [{ name: 'grpc', containerPort: 9999 }] },
    ]);
    expect(
      canaryServiceUpdate(current, desired, {
        canary: podinfoCanaryResource,
        keepSelector: true,
      }),
    ).toEqual({
      spec: {
        ports: [
          {
            name: 'http',
            protocol: 'TCP',
            port: 9898,
            targetPort: 9898,
            nodePort: 30080,
          },
          { name: 'grpc', protocol: 'TCP', port: 9999, targetPort: 9999 },
        ],
      },
    });
  });

  it('given a Service with a clusterIP and service.headless, refuses, naming the Service and the way out', () => {
    expect(() =>
      canaryServiceUpdate(
        liveApex({ labels: { app: 'podinfo' } }),
        desiredApex({ port: 9898, headless: true }),
        { canary: podinfoCanaryResource },
      ),
    ).toThrow(
      'Service test/podinfo has clusterIP 10.0.0.17 and service.headless asks for a headless Service: Kubernetes cannot change the clusterIP of a Service; delete the Service and Vane creates it again',
    );
  });
});

describe('applyCanaryServices', () => {
  const services = () =>
    podinfoServices({ port: 9898, apex: { labels: { team: 'reviews' } } });

  it('creates the three Services, then, on a later tick with the apex switched to the canary by provider kubernetes, writes nothing', async () => {
    const cluster = new InMemoryCluster();
    await applyCanaryServices(cluster, services(), {
      canary: podinfoCanaryResource,
    });
    expect(cluster.writes.map(w => [w.verb, w.ref.name])).toEqual([
      ['create', 'podinfo'],
      ['create', 'podinfo-primary'],
      ['create', 'podinfo-canary'],
    ]);
    // The kubernetes router points the apex at the canary's pods during blue/green.
    await cluster.writer.patch(
      { apiVersion: 'v1', kind: 'Service', namespace: 'test', name: 'podinfo' },
      { spec: { selector: { app: 'podinfo' } } },
    );
    cluster.clearWrites();

    await applyCanaryServices(cluster, services(), {
      canary: podinfoCanaryResource,
      keepApexSelector: true,
    });

    expect(cluster.writes).toEqual([]);
  });
});
