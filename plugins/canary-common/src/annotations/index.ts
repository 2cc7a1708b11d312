export { CANARY_ANNOTATIONS } from './annotations';
export { parseCanaryAnnotation } from './parseCanaryAnnotation';
export type { CanaryRef } from './parseCanaryAnnotation';
