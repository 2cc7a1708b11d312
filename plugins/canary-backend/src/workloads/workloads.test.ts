import { buildCanaryServices } from './buildCanaryServices';
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
      port: 80,
      targetPort: 'http-web',
      portName: 'web',
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
      port: 9898,
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
