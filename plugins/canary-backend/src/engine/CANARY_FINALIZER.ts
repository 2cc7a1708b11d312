/**
 * The finalizer the engine puts on a Canary with `spec.revertOnDeletion: true`, so that deleting
 * the Canary first hands the service back to its target Deployment (Flagger's
 * `finalizer.flagger.app`). Without it, garbage collection removes the primary and the Services
 * the Canary owns while the target is still scaled to zero.
 */
export const CANARY_FINALIZER = 'delivery.vane.dev/revert-on-deletion';
