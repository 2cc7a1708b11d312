import { KubernetesApiError } from '../cluster/KubernetesHttpClient';
import { writePlannedAction } from './writePlannedAction';

const ref = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Rollout',
  namespace: 'test',
  name: 'ratings',
};

function recordingWriter(statusAnswers404 = false) {
  const writes: Array<[string, unknown]> = [];
  return {
    writes,
    writer: {
      async patchStatus(_ref: unknown, status: Record<string, unknown>) {
        if (statusAnswers404) {
          throw new KubernetesApiError(
            404,
            'NotFound',
            'the server could not find the requested resource',
          );
        }
        writes.push(['status', { status }]);
      },
      async patch(_ref: unknown, patch: Record<string, unknown>) {
        writes.push(['object', patch]);
      },
    },
  };
}

const promote = {
  object: { spec: { paused: false } },
  status: { pauseConditions: null, currentStepIndex: 1 },
  withoutStatusSubresource: {
    spec: { paused: false },
    status: { pauseConditions: null, currentStepIndex: 1 },
  },
  message: 'Promoted',
};

describe('writePlannedAction', () => {
  it('writes the status subresource first, then the object, as the kubectl plugin does', async () => {
    const { writer, writes } = recordingWriter();
    await writePlannedAction(writer, ref, promote);
    expect(writes).toEqual([
      ['status', { status: { pauseConditions: null, currentStepIndex: 1 } }],
      ['object', { spec: { paused: false } }],
    ]);
  });

  it('without a status subresource (404), writes the one patch that stands for both instead', async () => {
    const { writer, writes } = recordingWriter(true);
    await writePlannedAction(writer, ref, promote);
    expect(writes).toEqual([['object', promote.withoutStatusSubresource]]);
  });
});
