import { createRouteRef } from '@backstage/core-plugin-api';

/** The release overview page of the canary plugin. */
export const rootRouteRef = createRouteRef({ id: 'canary' });
