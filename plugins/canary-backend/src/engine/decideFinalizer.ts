import { CANARY_FINALIZER } from './CANARY_FINALIZER';

/**
 * Whether a live Canary's finalizer must be added or removed so that it matches
 * `spec.revertOnDeletion`; undefined when it already does.
 */
export function decideFinalizer(canary: {
  revertOnDeletion?: boolean;
  finalizers?: string[];
}): 'add' | 'remove' | undefined {
  const has = (canary.finalizers ?? []).includes(CANARY_FINALIZER);
  if (canary.revertOnDeletion === true && !has) return 'add';
  if (canary.revertOnDeletion !== true && has) return 'remove';
  return undefined;
}
