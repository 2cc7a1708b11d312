export {
  canaryRolloutReadPermission,
  canaryRolloutUpdatePermission,
  canaryPermissions,
} from './permissions';
