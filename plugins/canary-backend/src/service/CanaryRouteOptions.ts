import type { HttpAuthService } from '@backstage/backend-plugin-api';
import type { CanaryOperationOptions } from '../operations/CanaryOperationOptions';

/** What every route of the canary plugin's API reads from: the operations' sources, and auth. */
export interface CanaryRouteOptions extends CanaryOperationOptions {
  httpAuth: HttpAuthService;
}
