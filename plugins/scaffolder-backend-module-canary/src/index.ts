/**
 * Scaffolder actions for Vane: create, apply and register Canary manifests without writing YAML.
 *
 * @packageDocumentation
 */
export { scaffolderModuleCanary as default } from './module';
