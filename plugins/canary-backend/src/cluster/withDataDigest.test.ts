import { configDataDigest } from '../workloads/configDataDigest';
import { withDataDigest } from './withDataDigest';

describe('withDataDigest', () => {
  const secret = {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'Opaque',
    metadata: {
      name: 'podinfo-token',
      namespace: 'test',
      resourceVersion: '7',
      labels: { app: 'podinfo' },
    },
    data: { token: 'czNjcjN0' },
    stringData: { other: 's3cr3t' },
  };

  it('keeps everything but the data, and adds the digest of data and binaryData', () => {
    const kept = withDataDigest(secret);
    expect(kept).toEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'Opaque',
      metadata: secret.metadata,
      dataDigest: configDataDigest({ data: { token: 'czNjcjN0' } }),
    });
    expect(JSON.stringify(kept)).not.toMatch(/czNjcjN0|s3cr3t/);
  });

  it('digests a ConfigMap with binaryData, and a change of either as a different digest', () => {
    const configMap = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'podinfo-env', namespace: 'test' },
      data: { LEVEL: 'info' },
      binaryData: { logo: 'iVBORw0K' },
    };
    const { dataDigest } = withDataDigest(configMap);
    expect(
      withDataDigest({ ...configMap, data: { LEVEL: 'debug' } }).dataDigest,
    ).not.toBe(dataDigest);
    expect(
      withDataDigest({ ...configMap, binaryData: { logo: 'R0lGODlh' } })
        .dataDigest,
    ).not.toBe(dataDigest);
  });
});
