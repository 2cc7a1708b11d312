import type {
  EntityHealthResponse,
  EntityRolloutsResponse,
  RolloutAnalysisResponse,
  RolloutHistoryResponse,
} from '@vane/plugin-canary-common';
import type { CanaryApi } from '../../api/CanaryApi';

/**
 * A canary backend that answers with fixed data (the backend itself is tested against the lab),
 * and whose live stream the test drives: `push` delivers an answer to every open stream.
 */
export function fakeCanaryApi(answers: {
  rollouts?: Omit<EntityRolloutsResponse, 'entityRef'>;
  health?: Omit<EntityHealthResponse, 'entityRef'>;
  analysis?: RolloutAnalysisResponse;
  history?: Omit<RolloutHistoryResponse, 'entityRef'>;
}) {
  const streams = new Set<(data: EntityRolloutsResponse) => void>();
  const api = {
    getEntityRollouts: jest.fn(async (entityRef: string) => ({
      entityRef,
      items: [],
      errors: [],
      ...answers.rollouts,
    })),
    streamEntityRollouts: jest.fn(
      (_entityRef: string, onData: (data: EntityRolloutsResponse) => void) => {
        streams.add(onData);
        return () => {
          streams.delete(onData);
        };
      },
    ),
    getEntityHealth: jest.fn(async (entityRef: string) => {
      if (!answers.health) throw new Error('no health in this test');
      return { entityRef, ...answers.health };
    }),
    getRolloutAnalysis: jest.fn(async () => {
      if (!answers.analysis) throw new Error('no analysis in this test');
      return answers.analysis;
    }),
    getHistory: jest.fn(async (entityRef: string) => ({
      entityRef,
      items: [],
      totalCount: 0,
      ...answers.history,
    })),
    act: jest.fn<ReturnType<CanaryApi['act']>, Parameters<CanaryApi['act']>>(
      async (_entityRef, rollout, action) => ({
        action,
        canary: `${rollout.cluster}/${rollout.namespace}/${rollout.name}`,
        message: `${action} accepted`,
      }),
    ),
  };
  return {
    api: api as Partial<CanaryApi> as CanaryApi,
    mocks: api,
    push(data: EntityRolloutsResponse) {
      streams.forEach(onData => onData(data));
    },
    openStreams: () => streams.size,
  };
}
