import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  validateCanaryManifest,
  validateMetricTemplateManifest,
} from '@vane/plugin-canary-common';
import fs from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import type { CanaryBackendClient } from '../client/CanaryBackendClient';
import { buildCanaryManifest } from '../manifest/buildCanaryManifest';
import {
  CANARY_STRATEGIES,
  CanaryManifestInput,
  MANUAL_GATES,
} from '../manifest/CanaryManifestInput';
import { inputFieldFor } from '../manifest/inputFieldFor';

/** Flagger's names for the providers that route through Vane's SMI router. */
const SMI_ALIASES = ['linkerd', 'osm'];

/**
 * `canary:manifest:create`: writes a Canary manifest (and a MetricTemplate for a custom query)
 * into the workspace from a team's answers, checked by the engine's own rules
 * (validateCanaryManifest). Without a provider it asks the canary backend which mesh the cluster
 * runs, so the team need not know.
 */
export function createManifestCreateAction(options: {
  client: Pick<CanaryBackendClient, 'clusters'>;
}) {
  return createTemplateAction({
    id: 'canary:manifest:create',
    description:
      'Writes a Canary manifest (delivery.vane.dev/v1alpha1) for a Deployment into the workspace, validated with the rules the rollout engine applies',
    supportsDryRun: true,
    schema: {
      input: {
        entityRef: z =>
          z.string().describe('The catalog entity the Canary releases'),
        cluster: z =>
          z.string().describe('The canary cluster the Deployment runs in'),
        namespace: z => z.string().describe('Namespace of the Deployment'),
        targetDeployment: z =>
          z.string().describe('Name of the Deployment to release by canary'),
        name: z =>
          z
            .string()
            .optional()
            .describe("The Canary's name; the Deployment's name by default"),
        port: z =>
          z.number().describe('The port the Service of the Canary exposes'),
        targetPort: z =>
          z.number().optional().describe("The container's port, if different"),
        strategy: z =>
          z
            .enum(CANARY_STRATEGIES)
            .default('canary')
            .describe(
              "canary (weight steps), ab (requests with a header go to the canary), bluegreen (all traffic switches after the analysis) or steps (Argo Rollouts' steps: setWeight, pause, ...)",
            ),
        provider: z =>
          z
            .string()
            .optional()
            .describe(
              "Mesh provider (istio, gatewayapi, smi, kubernetes, ...); by default what the cluster's mesh discovery reports",
            ),
        stepWeights: z =>
          z
            .array(z.number())
            .optional()
            .describe('Canary weights in order, e.g. [5, 10, 25, 50]'),
        stepWeight: z =>
          z
            .number()
            .optional()
            .describe('Weight added per step when stepWeights is not given'),
        maxWeight: z =>
          z
            .number()
            .optional()
            .describe('Weight at which the canary is promoted'),
        iterations: z =>
          z.number().optional().describe('Analysis runs for ab and bluegreen'),
        steps: z =>
          z
            .array(z.record(z.string(), z.unknown()))
            .optional()
            .describe(
              "For steps: Argo Rollouts' canary steps, e.g. [{setWeight: 50}, {pause: {duration: 10m}}]; a pause without duration holds the rollout until an owner resumes it in the portal",
            ),
        abHeader: z =>
          z
            .object({ name: z.string(), value: z.string() })
            .optional()
            .describe(
              'For ab: requests with this header value go to the canary (default x-canary: insider)',
            ),
        interval: z =>
          z.string().default('1m').describe('Time between analysis runs'),
        threshold: z =>
          z
            .number()
            .default(5)
            .describe('Failed checks before the rollout is rolled back'),
        successRateMin: z =>
          z
            .number()
            .optional()
            .describe('Minimum request success rate in percent, e.g. 99'),
        latencyMaxMs: z =>
          z
            .number()
            .optional()
            .describe('Maximum request duration (P99) in milliseconds'),
        metricInterval: z =>
          z
            .string()
            .optional()
            .describe(
              'Window the metrics are measured over; the interval by default',
            ),
        loadTestUrl: z =>
          z
            .string()
            .optional()
            .describe(
              "URL of a load tester (Flagger's flagger-loadtester contract) to call during the analysis",
            ),
        loadTestCommand: z =>
          z
            .string()
            .optional()
            .describe(
              'The command it runs, e.g. hey -z 1m -q 10 -c 2 http://podinfo-canary.test:9898/',
            ),
        manualGates: z =>
          z
            .array(z.enum(MANUAL_GATES))
            .optional()
            .describe(
              'Manual gates: the rollout waits at each until an owner approves it in the portal',
            ),
        customMetric: z =>
          z
            .object({
              name: z.string().optional(),
              query: z.string().optional(),
              min: z.number().optional(),
              max: z.number().optional(),
            })
            .optional()
            .describe(
              'A custom PromQL check, written as a MetricTemplate beside the Canary; name and query together, or neither (a form left empty)',
            ),
        progressDeadlineSeconds: z => z.number().optional(),
        revertOnDeletion: z =>
          z
            .boolean()
            .optional()
            .describe(
              'Deleting the Canary hands the service back to the Deployment (scaled up, selected by its Service) before the primary goes; true by default',
            ),
        filePath: z =>
          z
            .string()
            .optional()
            .describe(
              'Where to write the manifest in the workspace; canary/<name>.yaml by default',
            ),
      },
      output: {
        filePath: z => z.string().describe('The manifest written'),
        manifest: z => z.string().describe('Its YAML'),
        name: z => z.string().describe("The Canary's name"),
        namespace: z => z.string(),
        annotation: z =>
          z.string().describe('<namespace>/<name>, for vane.dev/canary'),
        provider: z =>
          z
            .string()
            .describe('The provider the Canary names, or "" for discovery'),
      },
    },
    async handler(ctx) {
      const { input } = ctx;
      const provider = await resolveProvider(
        input.cluster,
        input.provider,
        async () =>
          options.client.clusters(await ctx.getInitiatorCredentials()),
      );
      const {
        loadTestUrl,
        loadTestCommand,
        customMetric: customMetricAnswer,
        ...answers
      } = input;
      const customMetric = readCustomMetric(customMetricAnswer);
      if (input.strategy === 'steps' && !input.steps?.length) {
        throw new InputError(
          "steps: is required with strategy steps: Argo Rollouts' steps in order, e.g. [{setWeight: 50}, {pause: {duration: 10m}}]",
        );
      }
      if (!loadTestUrl !== !loadTestCommand) {
        throw new InputError(
          loadTestUrl
            ? 'loadTestCommand: is required with loadTestUrl: the command the load tester runs, e.g. hey -z 1m -q 10 -c 2 http://<service>-canary.<namespace>:<port>/'
            : 'loadTestUrl: is required with loadTestCommand: the URL of the load tester that runs it',
        );
      }
      const built = buildCanaryManifest({
        ...answers,
        ...(customMetric ? { customMetric } : {}),
        provider,
        ...(loadTestUrl && loadTestCommand
          ? { loadTest: { url: loadTestUrl, command: loadTestCommand } }
          : {}),
      });
      const problems: string[] = [];
      const canary = validateCanaryManifest(built.canary);
      if (!canary.valid) {
        problems.push(
          ...canary.errors.map(
            e => `${inputFieldFor(e.field, built)}: ${e.message}`,
          ),
        );
      }
      if (built.metricTemplate) {
        const template = validateMetricTemplateManifest(built.metricTemplate);
        if (!template.valid) {
          problems.push(
            ...template.errors.map(e => `customMetric: ${e.message}`),
          );
        }
      }
      if (problems.length) {
        throw new InputError(
          `The Canary for ${input.namespace}/${
            input.targetDeployment
          } is not valid; fix these inputs: ${problems.join('; ')}`,
        );
      }

      const { name, namespace } = built.canary.metadata;
      const filePath = input.filePath ?? `canary/${name}.yaml`;
      const manifest = [built.metricTemplate, built.canary]
        .filter(Boolean)
        .map(document => stringify(document))
        .join('---\n');
      const target = resolveSafeChildPath(ctx.workspacePath, filePath);
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.writeFile(target, manifest, 'utf8');
      ctx.logger.info(
        `Wrote Canary ${namespace}/${name} (${input.strategy}, provider ${
          provider ?? 'from discovery'
        }) for ${input.entityRef} to ${filePath}`,
      );
      ctx.output('filePath', filePath);
      ctx.output('manifest', manifest);
      ctx.output('name', name);
      ctx.output('namespace', namespace);
      ctx.output('annotation', `${namespace}/${name}`);
      ctx.output('provider', provider ?? '');
    },
  });
}

/**
 * The custom check a form asked for: none when its fields were left empty (a form sends `{}`),
 * a field error when only one of name and query is given.
 */
function readCustomMetric(
  answer:
    | { name?: string; query?: string; min?: number; max?: number }
    | undefined,
): CanaryManifestInput['customMetric'] {
  const name = answer?.name?.trim();
  const query = answer?.query?.trim();
  if (!name && !query) return undefined;
  if (!name || !query) {
    throw new InputError(
      name
        ? `customMetric.query: is required with customMetric.name (${name}): the PromQL query the check runs`
        : 'customMetric.name: is required with customMetric.query: the name the check is shown under',
    );
  }
  return { ...answer, name, query };
}

/**
 * The provider to write: the one asked for if the cluster serves it, else the cluster's default
 * from mesh discovery. An unknown cluster is a field error, not a Canary that can never route.
 */
async function resolveProvider(
  clusterName: string,
  asked: string | undefined,
  readClusters: () => ReturnType<CanaryBackendClient['clusters']>,
): Promise<string | undefined> {
  const { items } = await readClusters();
  const cluster = items.find(c => c.name === clusterName);
  if (!cluster) {
    throw new InputError(
      `cluster: the canary backend knows no cluster "${clusterName}" (known: ${
        items.map(c => c.name).join(', ') || 'none'
      })`,
    );
  }
  if (!asked) {
    if (!cluster.available) {
      throw new InputError(
        `provider: cluster ${clusterName} cannot report its mesh now (${cluster.error}); name the provider or try again`,
      );
    }
    return cluster.defaultProvider;
  }
  const base = asked.split(':')[0];
  const routedAs = SMI_ALIASES.includes(base) ? 'smi' : base;
  if (cluster.available && !cluster.meshProviders.includes(routedAs)) {
    throw new InputError(
      `provider: cluster ${clusterName} serves no ${asked} routing; choose one of ${cluster.meshProviders.join(
        ', ',
      )}`,
    );
  }
  return asked;
}
