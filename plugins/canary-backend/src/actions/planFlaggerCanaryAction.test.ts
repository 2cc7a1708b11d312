import { planFlaggerCanaryAction } from './planFlaggerCanaryAction';

const USER = 'user:default/ada';
const plan = (action: string, suspend?: boolean) =>
  planFlaggerCanaryAction({
    action,
    canary: { spec: suspend === undefined ? {} : { suspend } },
    user: USER,
  });

describe('planFlaggerCanaryAction', () => {
  it('pauses a Flagger Canary by spec.suspend, and resumes it by setting it back to false', () => {
    expect(plan('pause')).toEqual({
      object: { spec: { suspend: true } },
      message: `Suspended by ${USER}`,
    });
    expect(plan('pause', false)).toMatchObject({
      object: { spec: { suspend: true } },
    });
    expect(plan('resume', true)).toEqual({
      object: { spec: { suspend: false } },
      message: `Resumed by ${USER}`,
    });
  });

  it('refuses to suspend a suspended Canary or resume a running one (409)', () => {
    expect(plan('pause', true)).toEqual({
      conflict: 'The Canary is already suspended (spec.suspend)',
    });
    expect(plan('resume')).toEqual({
      conflict: 'The Canary is not suspended (spec.suspend)',
    });
  });

  it.each(['promote', 'abort', 'retry', 'approve', 'restart'])(
    'refuses %s, which Flagger has no API for, pointing at its gates (400)',
    action => {
      expect(plan(action)).toEqual({
        invalid: `Flagger has no API to ${action} a Canary: the portal can only suspend and resume it (spec.suspend); promote, abort and approve it through Flagger's manual gating webhooks (https://docs.flagger.app/usage/webhooks#manual-gating)`,
      });
    },
  );
});
