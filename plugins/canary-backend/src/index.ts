/**
 * Vane's canary backend plugin: reconciles Canary resources in every configured cluster and
 * serves rollouts, health and history to the portal.
 *
 * @packageDocumentation
 */
export { canaryPlugin as default } from './plugin';
