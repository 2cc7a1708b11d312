/**
 * The value of the CanaryDeploymentPicker field: a Deployment of the entity, the cluster it runs
 * in, the port for the Canary's Service and the provider the cluster would route with.
 *
 * @public
 */
export interface DeploymentChoice {
  cluster: string;
  namespace: string;
  name: string;
  port?: number;
  defaultProvider?: string;
  /** `<namespace>/<name>` of the Canary that already releases it, if any (applying updates it). */
  canary?: string;
}
