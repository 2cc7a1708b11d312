/** One rollout as its entity's routes and actions name it: the entity, then the Canary. */
export interface RolloutAddress {
  entity: { kind: string; namespace: string; name: string };
  canary: { cluster: string; namespace: string; name: string };
}
