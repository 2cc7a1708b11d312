import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  AppliedCanaryResponse,
  validateCanaryManifest,
} from '@vane/plugin-canary-common';
import fs from 'node:fs/promises';
import { parseAllDocuments } from 'yaml';
import { judgeAppliedCanary } from '../apply/judgeAppliedCanary';
import type { CanaryBackendClient } from '../client/CanaryBackendClient';

/**
 * `canary:apply`: applies the workspace's Canary manifest (and its MetricTemplate) through the
 * canary backend, on behalf of the user running the template, so the portal's ownership check
 * decides and cluster credentials stay in the backend. Then waits until the engine reports the
 * Canary Initialized, or fails with the engine's reason.
 */
export function createApplyAction(options: {
  client: Pick<CanaryBackendClient, 'applyCanary' | 'canaryState'>;
  /** How often to ask for the Canary's phase while waiting. */
  pollIntervalMs?: number;
}) {
  const pollIntervalMs = options.pollIntervalMs ?? 2000;
  return createTemplateAction({
    id: 'canary:apply',
    description:
      "Applies a Canary manifest of the workspace to a cluster through Vane's canary backend (owners of the entity only) and waits until it is Initialized",
    supportsDryRun: true,
    schema: {
      input: {
        entityRef: z =>
          z
            .string()
            .describe('The entity the Canary belongs to; its owners may apply'),
        cluster: z => z.string().describe('The canary cluster to apply to'),
        filePath: z =>
          z
            .string()
            .describe(
              'The manifest in the workspace (the filePath output of canary:manifest:create)',
            ),
        timeoutSeconds: z =>
          z
            .number()
            .min(0)
            .default(180)
            .describe(
              'How long to wait for Initialized; 0 applies without waiting',
            ),
      },
      output: {
        result: z => z.string().describe('created, updated or unchanged'),
        phase: z => z.string().describe('The phase the Canary reported'),
        reason: z => z.string().describe("The engine's reason, if any"),
        name: z => z.string(),
        namespace: z => z.string(),
      },
    },
    async handler(ctx) {
      const { entityRef, cluster, filePath, timeoutSeconds } = ctx.input;
      const { canary, metricTemplate } = await readManifests(
        ctx.workspacePath,
        filePath,
      );
      const { name, namespace } = canary.metadata;
      ctx.output('name', name);
      ctx.output('namespace', namespace);
      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would apply Canary ${namespace}/${name} to cluster ${cluster} for ${entityRef}`,
        );
        ctx.output('result', 'dry-run');
        ctx.output('phase', '');
        ctx.output('reason', '');
        return;
      }

      const credentials = await ctx.getInitiatorCredentials();
      const applied = await options.client.applyCanary(credentials, entityRef, {
        cluster,
        canary,
        ...(metricTemplate ? { metricTemplate } : {}),
      });
      ctx.logger.info(
        `Canary ${namespace}/${name} ${applied.result} in cluster ${cluster}${
          applied.metricTemplate
            ? ` (MetricTemplate ${applied.metricTemplate.name} ${applied.metricTemplate.result})`
            : ''
        }`,
      );
      ctx.output('result', applied.result);
      if (timeoutSeconds === 0) {
        ctx.output('phase', '');
        ctx.output('reason', '');
        return;
      }

      const deadline = Date.now() + timeoutSeconds * 1000;
      let state: AppliedCanaryResponse | undefined;
      let lastError: string | undefined;
      for (;;) {
        if (ctx.signal?.aborted) {
          throw new Error(
            `Cancelled while waiting for Canary ${namespace}/${name}`,
          );
        }
        try {
          state = await options.client.canaryState(credentials, entityRef, {
            cluster,
            namespace,
            name,
          });
          lastError = undefined;
        } catch (error) {
          // Right after a create the backend's cache may not hold the Canary yet.
          lastError = (error as Error).message;
        }
        const judged = state ? judgeAppliedCanary(state) : undefined;
        if (judged?.outcome === 'failed') {
          ctx.output('phase', state?.phase ?? '');
          ctx.output('reason', judged.reason);
          throw new Error(
            `Canary ${namespace}/${name} in cluster ${cluster} failed to initialise: ${judged.reason}`,
          );
        }
        if (judged?.outcome === 'ready') {
          ctx.logger.info(
            `Canary ${namespace}/${name} is ${
              state!.phase
            } in cluster ${cluster}`,
          );
          ctx.output('phase', state!.phase!);
          ctx.output('reason', state!.reason ?? '');
          return;
        }
        if (Date.now() >= deadline) {
          throw new Error(
            `Canary ${namespace}/${name} in cluster ${cluster} did not report Initialized within ${timeoutSeconds} s (phase ${
              state?.phase ?? 'none yet'
            }${state?.reason ? `, reason: ${state.reason}` : ''}${
              lastError ? `, last error: ${lastError}` : ''
            }); it is applied, follow it on the entity's Rollouts tab`,
          );
        }
        await new Promise(resolve => setTimeout(resolve, pollIntervalMs));
      }
    },
  });
}

/** The Canary (and MetricTemplate) of a manifest file, checked before anything is sent. */
async function readManifests(workspacePath: string, filePath: string) {
  const file = resolveSafeChildPath(workspacePath, filePath);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    throw new InputError(
      `filePath: ${filePath} does not exist in the workspace; write it with canary:manifest:create first`,
    );
  }
  const documents = parseAllDocuments(text).map(document => {
    if (document.errors.length) {
      throw new InputError(
        `filePath: ${filePath} is not valid YAML: ${document.errors[0].message}`,
      );
    }
    return document.toJS();
  });
  const canaries = documents.filter(d => d?.kind === 'Canary');
  if (canaries.length !== 1) {
    throw new InputError(
      `filePath: ${filePath} must hold exactly one Canary (found ${canaries.length})`,
    );
  }
  const checked = validateCanaryManifest(canaries[0]);
  if (!checked.valid) {
    throw new InputError(
      `filePath: the Canary in ${filePath} is not valid: ${checked.errors
        .map(e => e.message)
        .join('; ')}`,
    );
  }
  return {
    canary: checked.manifest,
    metricTemplate: documents.find(d => d?.kind === 'MetricTemplate'),
  };
}
