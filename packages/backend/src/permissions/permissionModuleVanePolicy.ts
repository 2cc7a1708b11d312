import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { VanePermissionPolicy } from './VanePermissionPolicy';

/** Installs {@link VanePermissionPolicy} as the permission backend's policy. */
export const permissionModuleVanePolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'vane-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint, userInfo: coreServices.userInfo },
      async init({ policy, userInfo }) {
        policy.setPolicy(new VanePermissionPolicy(userInfo));
      },
    });
  },
});
