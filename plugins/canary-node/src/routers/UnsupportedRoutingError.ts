/**
 * Thrown by a mesh router asked for something its mesh cannot do (A/B matches on a TrafficSplit,
 * partial weights on a Service selector, ...), so the engine can put the reason on the Canary's
 * status instead of retrying.
 *
 * @public
 */
export class UnsupportedRoutingError extends Error {
  readonly name = 'UnsupportedRoutingError';

  constructor(
    /** The router's provider, e.g. `smi`. */
    readonly provider: string,
    /** The Canary field that asks for the unsupported feature, e.g. `analysis.match`. */
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}
