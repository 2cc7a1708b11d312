import type {
  Canary,
  CanaryStatus,
  ValidCanarySpec,
} from '@vane/plugin-canary-common';
import { canaryOwnerReference } from '../../routers/canaryOwnerReference';
import { applyCanaryServices } from '../../workloads/applyCanaryServices';
import { buildCanaryServices } from '../../workloads/buildCanaryServices';
import { primarySelector } from '../../workloads/buildPrimaryWorkload';
import type { CanaryEventRecorder } from '../CanaryEventRecorder';
import type { CheckRunner } from '../CheckRunner';
import type { EngineCluster } from '../EngineCluster';
import type { ActionExecutors } from './ActionExecutors';
import { handApexServiceBack } from './handApexServiceBack';
import type { PrimaryWorkload } from './PrimaryWorkload';
import { scaleTarget } from './scaleTarget';
import { setCanaryFinalizer } from './setCanaryFinalizer';

/** The Canary as its routes should carry it: with the decided status, when there is one. */
function withStatus(canary: Canary, decided: CanaryStatus | undefined): Canary {
  return decided ? { ...canary, status: decided } : canary;
}

/** The executors of the engine's actions against one cluster. */
export function createActionExecutors(
  deps: EngineCluster & {
    checks: CheckRunner;
    events: CanaryEventRecorder;
    primary: PrimaryWorkload;
  },
): ActionExecutors {
  const { cache, writer, checks, events, primary } = deps;

  /** An Event on the Canary, and the `event` webhooks and notifiers told of it. */
  const announce = async (
    canary: Canary,
    spec: ValidCanarySpec,
    severity: 'Normal' | 'Warning',
    message: string,
  ) => {
    await events.record(canary, severity, message);
    await checks.notify(canary, spec, severity, message);
  };

  return {
    createPrimary: (_, context) => primary.create(context),

    reconcileServices: async (action, { canary, spec, target }) => {
      const services = buildCanaryServices({
        name: spec.service.name ?? spec.targetRef.name,
        namespace: canary.metadata.namespace,
        service: spec.service,
        containers: target.spec?.template?.spec?.containers,
        primarySelector: primarySelector(target),
        canarySelector: target.spec?.selector?.matchLabels ?? {},
        owner: canaryOwnerReference(canary),
      });
      await applyCanaryServices({ reader: cache, writer }, services, {
        canary,
        unmanagedMetadata: spec.service.unmanagedMetadata,
        keepApexSelector: action.keepApexSelector,
      });
    },

    // Routers are functions of the Canary and its status: they get the status this tick decided
    // (the session affinity cookies of the routes it writes), before it is written.
    reconcileRoutes: (_, { canary, router, decided }) =>
      router.reconcile(withStatus(canary, decided)),

    setRoutes: (action, { canary, router, decided }) =>
      router.setRoutes(withStatus(canary, decided), {
        primaryWeight: action.primaryWeight,
        canaryWeight: action.canaryWeight,
        mirrored: action.mirrored,
        ...(action.headerRoutes ? { headerRoutes: action.headerRoutes } : {}),
        ...(action.mirrorRoutes ? { mirrorRoutes: action.mirrorRoutes } : {}),
      }),

    scaleTarget: (action, context) =>
      scaleTarget({ cache, writer }, action, context),

    promotePrimary: (_, context) => primary.promote(context),

    runWebhooks: async (action, { canary, spec, decided }) => {
      // Hooks whose outcome changes nothing (post-rollout): told the phase the rollout ended
      // in; a failure is a Warning event, as in Flagger, and the status stays as decided.
      const results = await checks.runWebhooks(
        { ...canary, status: decided },
        spec,
        action.webhookType,
      );
      for (const failed of results.filter(result => !result.passed)) {
        await announce(
          canary,
          spec,
          'Warning',
          `${action.webhookType} webhook ${failed.name} failed: ${
            failed.message ?? 'no reason given'
          }`,
        );
      }
    },

    handBackTraffic: async (_, context) => {
      await context.router.finalize(context.canary);
      await handApexServiceBack({ cache, writer }, context);
    },

    addFinalizer: (_, { canary }) => setCanaryFinalizer(writer, canary, true),

    removeFinalizer: (_, { canary }) =>
      setCanaryFinalizer(writer, canary, false),

    event: (action, { canary, spec }) =>
      announce(canary, spec, action.severity, action.message),
  };
}
