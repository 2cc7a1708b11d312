import type { CanaryRolloutAlert } from '@vane/plugin-canary-node';

/** The alert a rolled-back podinfo.test raises, for the tests of how alerts are sent. */
export const failedRolloutAlert: CanaryRolloutAlert = {
  cluster: 'lab',
  namespace: 'test',
  name: 'podinfo',
  severity: 'error',
  phase: 'Failed',
  canaryWeight: 0,
  message:
    'Canary analysis of podinfo.test failed, rolled back to the primary.',
  reason: 'request-success-rate 91.8% < 99% (3 of 3 failed checks)',
};
