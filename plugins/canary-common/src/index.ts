/**
 * Shared contracts of Vane's canary plugins: the Canary resource, its phases, the catalog
 * annotations that link entities to rollouts, and the permissions.
 *
 * @packageDocumentation
 */
export * from './annotations';
export * from './api';
export * from './permissions';
export * from './resource';
export * from './schema';
