import type { V1Endpoints, V1Service } from '@kubernetes/client-node';
import type { GrpcHealthProbe } from './parseGrpcHealthProbe';
import type { ProcessResult } from './ProcessResult';

/**
 * What grpc_health_probe reports for the Service its -addr names, from that Service and its
 * Endpoints as the cluster has them: a port the Service serves with a ready endpoint behind it
 * answers the health check (`status: SERVING`, exit 0); no such Service, a port it does not
 * serve, or no ready endpoint means the connection never comes up within -connect-timeout
 * (exit 2, StatusConnectionFailure), as with the probe's blocking dial. The probe logs to stderr.
 */
export function answerGrpcHealthProbe(
  probe: GrpcHealthProbe,
  target: { service?: V1Service; endpoints?: V1Endpoints },
): ProcessResult {
  const { service, endpoints } = target;
  const headless = service?.spec?.clusterIP === 'None';
  const servicePort = service?.spec?.ports?.find(p => p.port === probe.port);
  const ready = (endpoints?.subsets ?? []).some(
    subset =>
      (subset.addresses ?? []).length > 0 &&
      (subset.ports ?? []).some(p =>
        headless ? p.port === probe.port : !!servicePort && (p.name ?? '') === (servicePort.name ?? ''),
      ),
  );
  if (service && ready) return { exitCode: 0, stdout: '', stderr: 'status: SERVING\n' };
  return {
    exitCode: 2,
    stdout: '',
    stderr: `timeout: failed to connect service "${probe.addr}" within ${goDuration(probe.connectTimeoutMs)}\n`,
  };
}

/** A duration as Go's time.Duration prints it: 1s, 500ms, 1.5s, 1m30s. */
function goDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  const hours = Math.floor(ms / 3_600_000);
  const minutes = Math.floor((ms % 3_600_000) / 60_000);
  const seconds = (ms % 60_000) / 1000;
  return `${hours ? `${hours}h` : ''}${hours || minutes ? `${minutes}m` : ''}${seconds}s`;
}
