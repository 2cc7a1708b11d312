import type { DeploymentChoice } from './DeploymentChoice';

/**
 * A chosen Deployment must say where it runs and which port its Service exposes: a Canary needs
 * `service.port`, and a Deployment without a declared container port gives none.
 */
export function validateDeploymentChoice(
  value: DeploymentChoice | undefined,
  validation: { addError(message: string): void },
): void {
  if (!value) {
    return;
  }
  if (!value.cluster || !value.namespace || !value.name) {
    validation.addError('Choose one of the Deployments listed');
    return;
  }
  if (!value.port) {
    validation.addError(
      `Deployment ${value.namespace}/${value.name} declares no container port: add one (ports[].containerPort) so the Canary knows which port to route`,
    );
  }
}
