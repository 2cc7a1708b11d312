import type {
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { parseEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  CANARY_ROLLOUT_ACTIONS,
  ROLLOUT_CONTROLLERS,
} from '@vane/plugin-canary-common';
import type { MeshRouterRegistry } from '../meshes/MeshRouterRegistry';
import { PrometheusClients } from '../metrics/PrometheusClients';
import { applyEntityCanary } from '../operations/applyEntityCanary';
import type { CanaryOperationOptions } from '../operations/CanaryOperationOptions';
import { performRolloutAction } from '../operations/performRolloutAction';
import { readEntityRolloutAnalysis } from '../operations/readEntityRolloutAnalysis';
import { readEntityRollouts } from '../operations/readEntityRollouts';
import { readReleases } from '../operations/readReleases';
import type { RolloutHistoryStore } from '../history/RolloutHistoryStore';
import { readRolloutsQuery } from '../service/readRolloutsQuery';
import { RolloutReader } from '../readModel/RolloutReader';
import type { z as zod } from 'zod/v3';

/**
 * Vane's reads and operator actions in Backstage's actions registry (ids `canary:<name>`), so
 * that `@backstage/plugin-mcp-actions-backend` offers them to MCP clients as tools. Each calls
 * the operation its HTTP route calls, with the caller's credentials: the same permission checks,
 * the same answers and errors, and for writes the same Event, history row and audit event.
 */
export function registerCanaryActions(
  actionsRegistry: ActionsRegistryService,
  options: CanaryOperationOptions & {
    meshRouters: MeshRouterRegistry;
    history?: RolloutHistoryStore;
  },
): void {
  const reader = new RolloutReader(options.clusters);
  const prometheus = new PrometheusClients();
  const history = options.history;
  const operations = {
    ...options,
    reader,
    prometheusAt: (url: string) => prometheus.at(url),
    historyById: history && ((id: number) => history.getById(id)),
  };

  actionsRegistry.register({
    name: 'get-entity-rollouts',
    title: 'Get an entity’s rollouts',
    description:
      'The progressive-delivery rollouts (Vane Canaries) of one catalog entity, live from its clusters: phase, traffic weight, failed checks, the last value of each analysis metric, and why a rollout halted or failed. Needs read access to the entity’s rollouts.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .describe(
              'The entity, as component:default/podinfo (kind and namespace default to component and default)',
            ),
        }),
      output: z =>
        z.object({
          entityRef: z.string(),
          items: z.array(z.any()),
          errors: z.array(z.any()),
        }),
    },
    action: async ({ input, credentials }) => ({
      output: await readEntityRollouts(operations, {
        credentials,
        entity: entityOf(input.entityRef),
      }),
    }),
  });

  actionsRegistry.register({
    name: 'list-releases',
    title: 'List a team’s releases',
    description:
      'The rollouts of every entity the caller may read, optionally only those owned by some teams, in some phases or clusters, as the release overview shows them; paged with limit and offset.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          owners: z
            .array(z.string())
            .optional()
            .describe(
              'Owners as group:default/team-podinfo; any owner if absent',
            ),
          phases: z
            .array(z.string())
            .optional()
            .describe('Canary phases such as Progressing or Failed'),
          clusters: z.array(z.string()).optional(),
          limit: z.number().int().optional(),
          offset: z.number().int().optional(),
        }),
      output: z =>
        z.object({
          items: z.array(z.any()),
          totalCount: z.number(),
          offset: z.number(),
          limit: z.number(),
          errors: z.array(z.any()),
        }),
    },
    action: async ({ input, credentials }) => ({
      output: await readReleases(operations, {
        credentials,
        // The route's own parser: the same rules and the same messages for a bad value.
        query: readRolloutsQuery({
          owner: input.owners,
          phase: input.phases,
          cluster: input.clusters,
          limit: input.limit?.toString(),
          offset: input.offset?.toString(),
        }),
      }),
    }),
  });

  const rolloutInput = (z: typeof zod) => ({
    entityRef: z
      .string()
      .describe(
        'The entity the rollout belongs to, as component:default/podinfo',
      ),
    cluster: z.string().describe('The cluster name from canary.clusters'),
    namespace: z.string().describe('The Canary’s namespace'),
    name: z.string().describe('The Canary’s name'),
  });

  actionsRegistry.register({
    name: 'get-rollout-analysis',
    title: 'Get a rollout’s analysis',
    description:
      'Each analysis metric of one of an entity’s Canaries over its current rollout (or a past one from the history, by id) from Prometheus: the series, the threshold, and whether it passed.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          ...rolloutInput(z),
          historyId: z
            .number()
            .int()
            .positive()
            .optional()
            .describe(
              'A past rollout’s id from the history; the current rollout if absent',
            ),
        }),
      output: z =>
        z.object({
          cluster: z.string(),
          namespace: z.string(),
          name: z.string(),
          from: z.string(),
          to: z.string(),
          stepSeconds: z.number(),
          metrics: z.array(z.any()),
        }),
    },
    action: async ({ input, credentials }) => ({
      output: await readEntityRolloutAnalysis(operations, {
        credentials,
        rollout: rolloutOf(input),
        historyId: input.historyId,
      }),
    }),
  });

  actionsRegistry.register({
    name: 'rollout-action',
    title: 'Act on a rollout',
    description: `An operator action on one of an entity’s rollouts, as the portal’s buttons take it, on Vane’s Canaries, Argo Rollouts (the patches kubectl argo rollouts writes) and Flagger Canaries (spec.suspend): ${CANARY_ROLLOUT_ACTIONS.join(
      ', ',
    )}. Owners of the entity only; the engine carries it out at its next tick. Recorded as a Kubernetes Event, in the rollout history and in the audit log.`,
    attributes: { destructive: true, readOnly: false, idempotent: false },
    schema: {
      input: z =>
        z.object({
          ...rolloutInput(z),
          action: z.enum(
            CANARY_ROLLOUT_ACTIONS as unknown as [string, ...string[]],
          ),
          controller: z
            .enum(ROLLOUT_CONTROLLERS as unknown as [string, ...string[]])
            .optional()
            .describe(
              'What drives the rollout, when two of the same name exist; Vane by default',
            ),
        }),
      output: z =>
        z.object({
          action: z.string(),
          canary: z.string(),
          controller: z.string().optional(),
          message: z.string(),
          warnings: z.array(z.string()).optional(),
        }),
    },
    action: async ({ input, credentials }) => ({
      output: await performRolloutAction(operations, {
        credentials: userOnly(credentials),
        rollout: rolloutOf(input),
        action: input.action,
        controller: input.controller,
      }),
    }),
  });

  actionsRegistry.register({
    name: 'apply-canary',
    title: 'Apply a Canary for an entity',
    description:
      'Creates or updates a delivery.vane.dev/v1alpha1 Canary (and optionally its MetricTemplate) for one of the entity’s own workloads, as the Scaffolder template does. Owners of the entity only; checked against the engine’s rules and the cluster’s mesh before anything is written.',
    attributes: { destructive: true, readOnly: false, idempotent: true },
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .describe('The entity, as component:default/podinfo'),
          cluster: z.string().describe('The cluster name from canary.clusters'),
          canary: z.object({}).passthrough().describe('The Canary manifest'),
          metricTemplate: z.object({}).passthrough().optional(),
        }),
      output: z =>
        z.object({
          cluster: z.string(),
          namespace: z.string(),
          name: z.string(),
          result: z.enum(['created', 'updated', 'unchanged']),
          metricTemplate: z
            .object({
              name: z.string(),
              result: z.enum(['created', 'updated', 'unchanged']),
            })
            .optional(),
        }),
    },
    action: async ({ input, credentials }) => ({
      output: await applyEntityCanary(operations, {
        credentials: userOnly(credentials),
        entity: entityOf(input.entityRef),
        body: {
          cluster: input.cluster,
          canary: input.canary,
          metricTemplate: input.metricTemplate,
        },
      }),
    }),
  });
}

function entityOf(entityRef: string) {
  try {
    return parseEntityRef(entityRef, {
      defaultKind: 'component',
      defaultNamespace: 'default',
    });
  } catch (error) {
    throw new InputError(
      `entityRef "${entityRef}" is not an entity reference like component:default/podinfo (${
        (error as Error).message
      })`,
    );
  }
}

function rolloutOf(input: {
  entityRef: string;
  cluster: string;
  namespace: string;
  name: string;
}) {
  return {
    entity: entityOf(input.entityRef),
    canary: {
      cluster: input.cluster,
      namespace: input.namespace,
      name: input.name,
    },
  };
}

/** Operator actions are taken for a person, as the HTTP routes allow only user tokens. */
function userOnly(
  credentials: BackstageCredentials,
): BackstageCredentials<BackstageUserPrincipal> {
  const { type } = credentials.principal as { type: string };
  if (type !== 'user') {
    throw new NotAllowedError(
      `Operator actions are taken on behalf of a signed-in user, not a ${type} principal`,
    );
  }
  return credentials as BackstageCredentials<BackstageUserPrincipal>;
}
