export { CANARY_ANNOTATIONS } from './annotations';
export {
  parseCanaryAnnotation,
  parseRolloutAnnotation,
} from './parseCanaryAnnotation';
export type { CanaryRef } from './parseCanaryAnnotation';
