/** Pod-template annotations that set how a simulated backend answers. */
export const ERROR_RATE_ANNOTATION = 'lab.vane.dev/error-rate';
export const LATENCY_ANNOTATION = 'lab.vane.dev/latency-ms';

export interface BackendBehaviour {
  /** Share of requests answered 500, 0..1. */
  errorRate: number;
  /** Typical latency; each answer varies by ±20%. */
  latencyMs: number;
}

export const DEFAULT_LATENCY_MS = 5;

/**
 * Reads a pod's behaviour from its annotations (copied from the Deployment's pod template);
 * `base` is what its image is known to do (LabOptions.imageBehaviours), which annotations override.
 */
export function behaviourOf(
  annotations: Record<string, string> | undefined,
  base: Partial<BackendBehaviour> = {},
): BackendBehaviour {
  const errorRate = Number(annotations?.[ERROR_RATE_ANNOTATION] ?? base.errorRate ?? 0);
  const latencyMs = Number(annotations?.[LATENCY_ANNOTATION] ?? base.latencyMs ?? DEFAULT_LATENCY_MS);
  return {
    errorRate: Number.isFinite(errorRate) ? Math.min(1, Math.max(0, errorRate)) : 0,
    latencyMs: Number.isFinite(latencyMs) && latencyMs >= 0 ? latencyMs : DEFAULT_LATENCY_MS,
  };
}

/**
 * How a podinfo-like backend answers: podinfo's /status/{code} and /delay/{seconds} paths
 * behave as in podinfo; any other path fails with the configured error rate.
 */
export function simulateResponse(
  behaviour: BackendBehaviour,
  path: string,
  random: () => number = Math.random,
): { code: number; latencyMs: number } {
  let latencyMs = behaviour.latencyMs * (0.8 + 0.4 * random());
  const status = /^\/status\/(\d{3})(?:[/?]|$)/.exec(path);
  const delay = /^\/delay\/(\d+(?:\.\d+)?)(?:[/?]|$)/.exec(path);
  if (delay) latencyMs += Number(delay[1]) * 1000;
  if (status) return { code: Number(status[1]), latencyMs };
  return { code: random() < behaviour.errorRate ? 500 : 200, latencyMs };
}
