import { createRouteRef } from '@backstage/core-plugin-api';

/** The release overview page of the canary plugin (`/canary` in the app). */
export const rootRouteRef = createRouteRef({ id: 'canary' });
