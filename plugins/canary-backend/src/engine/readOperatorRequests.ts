/** The Canary annotations through which operators act on a rollout (kubectl today, the portal next). */
export const OPERATOR_ANNOTATIONS = {
  /** Holds the analysis where it is; the value says who paused it. Remove it to resume. */
  pausedBy: 'delivery.vane.dev/paused-by',
  /**
   * A one-shot request, as JSON `{"action":"abort"|"promote"|"retry","user":"...","at":"<ISO time>"}`,
   * or `{"action":"resume","step":<index>,"since":"<status.stepPause.startTime>","user":"...","at":"..."}`
   * for the pause step of `analysis.steps` that holds the rollout (that pause and no later one).
   * Handled once: the status remembers the last request it handled (`lastHandledRequest`).
   */
  request: 'delivery.vane.dev/request',
  /**
   * Opens a manual gate Vane serves (`url: vane://approval`), as JSON
   * `{"gate":"confirm-promotion","name":"<webhook>","revision":"<rev>","weight":<canaryWeight>,
   * "since":"<status.gate.since>","user":"...","at":"<ISO time>"}`: the wait in `status.gate` it was
   * given for, so it opens that wait and no later one (another revision, step or rollout).
   */
  approval: 'delivery.vane.dev/approval',
} as const;

/** An approval of a Vane-served gate, read from the Canary. */
export interface GateApproval {
  gate: string;
  name: string;
  revision: string;
  /** For confirm-traffic-increase: the canary weight the rollout held at. */
  weight?: number;
  /** The `since` of the gate wait it opens. */
  since: string;
  user: string;
  at: string;
}

/** A one-shot operator request read from the Canary. */
export interface OperatorRequest {
  action: 'abort' | 'promote' | 'retry' | 'resume';
  user: string;
  /** The annotation's value, which identifies the request. */
  raw: string;
  /** For resume: the pause step it resumes (its index, and its `startTime` in the status). */
  pause?: { step: number; since: string };
}

/** What operators asked of a Canary, read from its annotations. */
export interface OperatorRequests {
  pausedBy?: string;
  request?: OperatorRequest;
  approval?: GateApproval;
  /** Why an annotation could not be read, for the status. */
  invalid?: string;
}

/** Reads the operator annotations of a Canary; a malformed request is reported, not acted on. */
export function readOperatorRequests(
  annotations: Record<string, string> | undefined,
): OperatorRequests {
  const pausedBy = annotations?.[OPERATOR_ANNOTATIONS.pausedBy]?.trim();
  const raw = annotations?.[OPERATOR_ANNOTATIONS.request]?.trim();
  const result: OperatorRequests = {
    ...(pausedBy ? { pausedBy } : {}),
    ...readApproval(annotations?.[OPERATOR_ANNOTATIONS.approval]),
  };
  if (!raw) {
    return result;
  }
  let parsed: any;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = undefined;
  }
  const resume =
    parsed?.action === 'resume' &&
    Number.isInteger(parsed.step) &&
    typeof parsed.since === 'string';
  if (
    !parsed ||
    !(['abort', 'promote', 'retry'].includes(parsed.action) || resume) ||
    typeof parsed.user !== 'string' ||
    typeof parsed.at !== 'string'
  ) {
    return {
      ...result,
      invalid: `${OPERATOR_ANNOTATIONS.request} must be JSON {"action":"abort"|"promote"|"retry","user":"...","at":"<time>"}, or {"action":"resume","step":<index>,"since":"<time>","user":"...","at":"<time>"} (got ${raw})`,
    };
  }
  return {
    ...result,
    request: {
      action: parsed.action,
      user: parsed.user,
      raw,
      ...(resume ? { pause: { step: parsed.step, since: parsed.since } } : {}),
    },
  };
}

function readApproval(
  raw: string | undefined,
): Pick<OperatorRequests, 'approval' | 'invalid'> {
  if (!raw?.trim()) {
    return {};
  }
  let parsed: any;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = undefined;
  }
  const strings = ['gate', 'name', 'revision', 'since', 'user', 'at'];
  if (
    !parsed ||
    strings.some(key => typeof parsed[key] !== 'string') ||
    (parsed.weight !== undefined && typeof parsed.weight !== 'number')
  ) {
    return {
      invalid: `${OPERATOR_ANNOTATIONS.approval} must be JSON {"gate":"...","name":"...","revision":"...","weight":<number, for confirm-traffic-increase>,"since":"...","user":"...","at":"<time>"} (got ${raw})`,
    };
  }
  const { gate, name, revision, weight, since, user, at } = parsed;
  return {
    approval: {
      gate,
      name,
      revision,
      ...(weight === undefined ? {} : { weight }),
      since,
      user,
      at,
    },
  };
}
