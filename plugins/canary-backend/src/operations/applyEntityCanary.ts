import type {
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  ApplyCanaryResponse,
  CANARY_API,
  canaryRolloutUpdatePermission,
  validateCanaryManifest,
  validateMetricTemplateManifest,
} from '@vane/plugin-canary-common';
import type { KubernetesObjectLike } from '@vane/plugin-canary-node';
import type express from 'express';
import { auditedOperation } from '../audit/auditedOperation';
import { buildCanaryEvent } from '../checks/buildCanaryEvent';
import type { MeshRouterRegistry } from '../meshes/MeshRouterRegistry';
import { refusedRouting } from '../meshes/refusedRouting';
import { applyObject } from '../service/applyObject';
import { authorizedEntity } from '../service/authorizedEntity';
import { findEntityTargets } from '../readModel/findEntityTargets';
import type { RolloutReader } from '../readModel/RolloutReader';
import type { CanaryOperationOptions } from './CanaryOperationOptions';

const API_VERSION = `${CANARY_API.group}/${CANARY_API.version}`;

/**
 * Self-service: creates or updates a Canary (and its MetricTemplate) for one of the entity's
 * workloads, on behalf of a user; the one implementation behind `POST .../canaries` (which the
 * Scaffolder's canary:apply action calls) and the actions registry. Owners only
 * (canary.rollout.update, as for the operator actions); the manifest is checked by the engine's
 * own rules first, and by what the mesh router the engine would choose for it in that cluster
 * refuses. Whatever is refused (404, 403, 400, 409) writes nothing; every call is an audit event
 * (`canary-apply`) with the entity, the Canary and the outcome.
 */
export async function applyEntityCanary(
  options: CanaryOperationOptions & {
    reader: RolloutReader;
    meshRouters: MeshRouterRegistry;
  },
  input: {
    credentials: BackstageCredentials<BackstageUserPrincipal>;
    entity: { kind: string; namespace: string; name: string };
    /** `{ cluster, canary, metricTemplate? }`, unchecked. */
    body: any;
    /** The HTTP request it came in, for the auditor; none through the actions registry. */
    request?: express.Request;
  },
): Promise<ApplyCanaryResponse> {
  const { credentials } = input;
  const reader = options.reader;
  return auditedOperation({
    auditor: options.auditor,
    eventId: 'canary-apply',
    severityLevel: 'medium',
    request: input.request,
    meta: {
      action: 'apply',
      user: credentials.principal.userEntityRef,
      entityRef: stringifyEntityRef(input.entity),
      canary: {
        cluster: stringOrNull(input.body?.cluster),
        namespace: stringOrNull(input.body?.canary?.metadata?.namespace),
        name: stringOrNull(input.body?.canary?.metadata?.name),
      },
    },
    successMeta: result => ({
      result: result.result,
      ...(result.metricTemplate
        ? { metricTemplate: { ...result.metricTemplate } }
        : {}),
    }),
    run: async () => {
      const entity = await authorizedEntity({
        ...options,
        credentials,
        params: input.entity,
        permission: canaryRolloutUpdatePermission,
        denied: ref => `Only owners of ${ref} may apply Canaries for it`,
      });
      const entityRef = stringifyEntityRef(entity);
      const { cluster: clusterName, canary, metricTemplate } = input.body ?? {};

      if (typeof clusterName !== 'string' || clusterName === '') {
        throw new InputError(
          'cluster is required: the name of a canary cluster',
        );
      }
      const cluster = options
        .clusters()
        .find(c => c.config.name === clusterName);
      if (!cluster) {
        throw new NotFoundError(
          `No cluster ${clusterName} in canary.clusters (known: ${
            options
              .clusters()
              .map(c => c.config.name)
              .join(', ') || 'none'
          })`,
        );
      }
      if (!cluster.synced) {
        throw new ServiceUnavailableError(
          cluster.error ??
            `Cluster ${clusterName}: connecting, its caches are not synced yet; try again shortly`,
        );
      }

      const checked = validateCanaryManifest(canary);
      const template =
        metricTemplate === undefined || metricTemplate === null
          ? undefined
          : validateMetricTemplateManifest(metricTemplate);
      const problems = [
        ...(checked.valid
          ? []
          : checked.errors.map(e => `canary.${e.message}`)),
        ...(template && !template.valid
          ? template.errors.map(e => `metricTemplate.${e.message}`)
          : []),
      ];
      if (!checked.valid || (template && !template.valid)) {
        throw new InputError(
          `The Canary manifest is invalid, nothing was applied: ${problems.join(
            '; ',
          )}`,
        );
      }
      const { metadata, spec } = checked.manifest;
      const { namespace } = metadata;

      // What the engine would refuse in this cluster, refused now rather than on the status.
      let refused: string | undefined;
      try {
        const { provider } = options.meshRouters.choose({
          specProvider: spec.provider,
          clusterDefault: cluster.config.defaultProvider,
          apiGroups: cluster.cache.apiGroups,
          clusterName,
        });
        refused = refusedRouting(
          options.meshRouters.get(provider),
          checked.manifest,
        );
      } catch (error) {
        refused = (error as Error).message;
      }
      if (refused) {
        throw new InputError(
          `The Canary cannot run in cluster ${clusterName}, nothing was applied: ${refused}`,
        );
      }

      // A Canary takes over the traffic of its target: only the entity's own workloads qualify.
      const own = findEntityTargets(
        entity,
        reader.inventories(),
      ).workloads.filter(
        d =>
          d.cluster === clusterName && d.workload.kind === spec.targetRef.kind,
      );
      const target = own.find(
        d =>
          d.workload.metadata.namespace === namespace &&
          d.workload.metadata.name === spec.targetRef.name,
      );
      if (!target) {
        throw new NotAllowedError(
          `${spec.targetRef.kind} ${namespace}/${
            spec.targetRef.name
          } in cluster ${clusterName} is not a workload of ${entityRef}; a Canary may only target the entity's own ${
            spec.targetRef.kind
          }s (${
            own
              .map(
                d =>
                  `${d.workload.metadata.namespace}/${d.workload.metadata.name}`,
              )
              .join(', ') || 'it has none in this cluster'
          })`,
        );
      }
      if (
        template?.valid &&
        template.manifest.metadata.namespace !== namespace
      ) {
        throw new InputError(
          `metricTemplate.metadata.namespace must be the Canary's namespace ${namespace} (got ${template.manifest.metadata.namespace})`,
        );
      }

      const ref = {
        apiVersion: API_VERSION,
        kind: CANARY_API.kind,
        namespace,
        name: metadata.name,
      };
      const current = cluster.cache.getNow(ref) as any;
      if (current && current.spec?.targetRef?.name !== spec.targetRef.name) {
        throw new ConflictError(
          `Canary ${namespace}/${metadata.name} in cluster ${clusterName} already targets ${current.spec?.targetRef?.kind} ${current.spec?.targetRef?.name}; choose another name`,
        );
      }

      let templateResult: ApplyCanaryResponse['metricTemplate'];
      if (template?.valid) {
        const { name } = template.manifest.metadata;
        templateResult = {
          name,
          result: await applyObject({
            object: cleanObject(template.manifest),
            current: cluster.cache.getNow({
              apiVersion: API_VERSION,
              kind: 'MetricTemplate',
              namespace,
              name,
            }) as any,
            writer: cluster.writer,
          }),
        };
      }
      const object = cleanObject(checked.manifest);
      const result = await applyObject({
        object,
        current,
        writer: cluster.writer,
      });
      if (result !== 'unchanged') {
        // The Canary is applied by now: an Event that cannot be written is not worth a failed request.
        await cluster.writer
          .createEvent(
            buildCanaryEvent({
              canary: (current ?? object) as any,
              severity: 'Normal',
              message: `Canary ${result} by ${credentials.principal.userEntityRef} for ${entityRef}`,
              now: new Date(),
            }) as any,
          )
          .catch(() => undefined);
      }
      const body: ApplyCanaryResponse = {
        cluster: clusterName,
        namespace,
        name: metadata.name,
        result,
        ...(templateResult ? { metricTemplate: templateResult } : {}),
      };
      return body;
    },
  });
}

/** What the caller sent for an audit field, if it is a string at all. */
function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** Only what a client may set: no uid, resourceVersion, owner references or status. */
function cleanObject(manifest: any): KubernetesObjectLike & { spec: unknown } {
  const { name, namespace, labels, annotations } = manifest.metadata;
  return {
    apiVersion: manifest.apiVersion,
    kind: manifest.kind,
    metadata: {
      name,
      namespace,
      ...(labels ? { labels } : {}),
      ...(annotations ? { annotations } : {}),
    },
    spec: manifest.spec,
  };
}
