/** The Canary annotations through which operators act on a rollout (kubectl today, the portal next). */
export const OPERATOR_ANNOTATIONS = {
  /** Holds the analysis where it is; the value says who paused it. Remove it to resume. */
  pausedBy: 'delivery.vane.dev/paused-by',
  /**
   * A one-shot request, as JSON `{"action":"abort"|"promote"|"retry","user":"...","at":"<ISO time>"}`.
   * Handled once: the status remembers the last request it handled (`lastHandledRequest`).
   */
  request: 'delivery.vane.dev/request',
} as const;

/** A one-shot operator request read from the Canary. */
export interface OperatorRequest {
  action: 'abort' | 'promote' | 'retry';
  user: string;
  /** The annotation's value, which identifies the request. */
  raw: string;
}

/** What operators asked of a Canary, read from its annotations. */
export interface OperatorRequests {
  pausedBy?: string;
  request?: OperatorRequest;
  /** Why an annotation could not be read, for the status. */
  invalid?: string;
}

/** Reads the operator annotations of a Canary; a malformed request is reported, not acted on. */
export function readOperatorRequests(
  annotations: Record<string, string> | undefined,
): OperatorRequests {
  const pausedBy = annotations?.[OPERATOR_ANNOTATIONS.pausedBy]?.trim();
  const raw = annotations?.[OPERATOR_ANNOTATIONS.request]?.trim();
  const result: OperatorRequests = pausedBy ? { pausedBy } : {};
  if (!raw) {
    return result;
  }
  let parsed: any;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = undefined;
  }
  if (
    !parsed ||
    !['abort', 'promote', 'retry'].includes(parsed.action) ||
    typeof parsed.user !== 'string' ||
    typeof parsed.at !== 'string'
  ) {
    return {
      ...result,
      invalid: `${OPERATOR_ANNOTATIONS.request} must be JSON {"action":"abort"|"promote"|"retry","user":"...","at":"<time>"} (got ${raw})`,
    };
  }
  return {
    ...result,
    request: { action: parsed.action, user: parsed.user, raw },
  };
}
