import { parseGrpcHealthProbe } from './parseGrpcHealthProbe';
import { parseShellPipeline } from './parseShellPipeline';

const probe = (cmd: string) => parseGrpcHealthProbe(parseShellPipeline(cmd)[0], cmd);

describe('parseGrpcHealthProbe', () => {
  it("reads Flagger's `grpc_health_probe -connect-timeout=1s -addr=podinfo-canary:9999`", () => {
    expect(probe('grpc_health_probe -connect-timeout=1s -addr=podinfo-canary:9999')).toEqual({
      probe: { addr: 'podinfo-canary:9999', host: 'podinfo-canary', port: 9999, connectTimeoutMs: 1000 },
    });
  });

  it("accepts Go's flag forms and defaults the connect timeout to 1s", () => {
    expect(probe('grpc_health_probe --addr podinfo.test:9999 -rpc-timeout 5s -gzip')).toEqual({
      probe: { addr: 'podinfo.test:9999', host: 'podinfo.test', port: 9999, connectTimeoutMs: 1000 },
    });
  });

  it('gives back the usage errors the probe exits 1 with', () => {
    expect(probe('grpc_health_probe')).toEqual({ usageError: 'error: -addr not specified' });
    expect(probe('grpc_health_probe -addr=a:1 -port=2')).toEqual({
      usageError: 'flag provided but not defined: -port',
    });
    expect(probe('grpc_health_probe -addr=a:1 -connect-timeout=0s')).toEqual({
      usageError: 'error: -connect-timeout must be greater than zero (specified: 0s)',
    });
    expect(probe('grpc_health_probe -addr=a:1 -rpc-timeout=soon')).toEqual({
      usageError: 'invalid value "soon" for flag -rpc-timeout: parse error',
    });
  });

  it('refuses what the lab cannot answer for', () => {
    expect(() => probe('grpc_health_probe -tls -addr=a:1')).toThrow("the lab does not simulate the probe's -tls transport");
    expect(() => probe('grpc_health_probe -addr=a:1 -service=podinfo')).toThrow(
      'the lab does not know which health services the server registers (-service=podinfo)',
    );
    expect(() => probe('grpc_health_probe -addr=podinfo')).toThrow(
      'the lab simulates -addr=<service>:<port> only (got "podinfo")',
    );
  });
});
