import { z } from 'zod';
import { between } from './numberBetween';
import { parseDuration } from './parseDuration';
import { pauseDurationMs } from './pauseDurationMs';

/**
 * Why Vane refuses the kinds of Argo Rollouts' CanaryStep it does not run, keyed by the field of
 * the step. Each message follows the step's path (`analysis.steps[2].experiment ...`).
 *
 * @public
 */
export const ARGO_STEP_REFUSALS = {
  experiment:
    'is not supported: Vane runs no Argo Rollouts Experiments; remove the step (every step is judged by analysis.metrics and analysis.webhooks, every analysis.interval)',
  analysis:
    "is not supported: Vane judges every step with analysis.metrics and analysis.webhooks, every analysis.interval, in place of Argo Rollouts' AnalysisRuns; remove the step and write the AnalysisTemplate's query as a metric (query, or a MetricTemplate)",
  setCanaryScale:
    'is not supported: during the analysis the canary runs as many replicas as the primary; remove the step',
  plugin:
    'is not supported: Vane runs no Argo Rollouts step plugins; remove the step',
} as const;

/** The kinds of step Vane runs, in the order its messages name them. */
const STEP_KINDS = [
  'setWeight',
  'pause',
  'setHeaderRoute',
  'setMirrorRoute',
] as const;

/** The bounds of a timed pause: a pause longer than a month is one an owner should end. */
const PAUSE_BOUNDS = { min: '1s', max: '720h' } as const;

/** Argo Rollouts' StringMatch: one of exact, prefix and regex. */
const stringMatch = z
  .object({
    exact: z.string().min(1, { error: 'must not be empty' }).optional(),
    prefix: z.string().min(1, { error: 'must not be empty' }).optional(),
    regex: z.string().min(1, { error: 'must not be empty' }).optional(),
  })
  .refine(
    m =>
      [m.exact, m.prefix, m.regex].filter(value => value !== undefined)
        .length === 1,
    { error: 'must set exactly one of exact, prefix and regex' },
  );

const routeName = z
  .string({ error: 'is required' })
  .min(1, { error: 'is required' });

/** Argo Rollouts' SetHeaderRoute; a step without `match` removes the route of that name. */
const setHeaderRoute = z.object({
  name: routeName,
  match: z
    .array(
      z.object({
        headerName: z
          .string({ error: 'is required' })
          .min(1, { error: 'is required' }),
        headerValue: stringMatch,
      }),
    )
    .optional(),
});

/** Argo Rollouts' SetMirrorRoute; a step without `match` removes the route of that name. */
const setMirrorRoute = z.object({
  name: routeName,
  match: z
    .array(
      z
        .object({
          method: stringMatch.optional(),
          path: stringMatch.optional(),
          headers: z.record(z.string(), stringMatch).optional(),
        })
        .refine(m => m.method || m.path || m.headers, {
          error:
            'must match a method, a path or headers: an empty match would mirror every request',
        }),
    )
    .optional(),
  percentage: between(1, 100).optional(),
});

const DURATION_FORMAT =
  'must be a duration such as 30s, 10m or 1h30m, or a whole number of seconds';

/** A pause's duration as Argo Rollouts takes it: a string with a unit, or seconds. */
const pauseDuration = z
  .union([z.number().int(), z.string()], { error: DURATION_FORMAT })
  .superRefine((value, ctx) => {
    let ms: number;
    try {
      ms = pauseDurationMs(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: DURATION_FORMAT });
      return;
    }
    if (ms < parseDuration(PAUSE_BOUNDS.min)) {
      ctx.addIssue({
        code: 'custom',
        message: `must be at least ${PAUSE_BOUNDS.min}; remove the step for no pause`,
      });
    } else if (ms > parseDuration(PAUSE_BOUNDS.max)) {
      ctx.addIssue({
        code: 'custom',
        message: `must be at most ${PAUSE_BOUNDS.max}; for longer, pause without a duration until an owner resumes the rollout`,
      });
    }
  });

/**
 * A kind of step Vane does not run, kept in the schema (and so in the CRD, never pruned) to be
 * refused by name whatever it holds: even empty, it makes the step one of that kind.
 */
const refusedKind = (message: string) =>
  z
    .unknown()
    .optional()
    .superRefine((value, ctx) => {
      if (value !== undefined) ctx.addIssue({ code: 'custom', message });
    });

const step = z
  .object({
    setWeight: between(0, 100).optional(),
    pause: z.object({ duration: pauseDuration.optional() }).optional(),
    setHeaderRoute: setHeaderRoute.optional(),
    setMirrorRoute: setMirrorRoute.optional(),
    experiment: refusedKind(ARGO_STEP_REFUSALS.experiment),
    analysis: refusedKind(ARGO_STEP_REFUSALS.analysis),
    setCanaryScale: refusedKind(ARGO_STEP_REFUSALS.setCanaryScale),
    plugin: refusedKind(ARGO_STEP_REFUSALS.plugin),
  })
  .superRefine((s, ctx) => {
    const kinds = STEP_KINDS.filter(kind => s[kind] !== undefined);
    const refused = Object.keys(ARGO_STEP_REFUSALS).some(
      kind => s[kind as keyof typeof ARGO_STEP_REFUSALS] !== undefined,
    );
    if (kinds.length === 0 && !refused) {
      ctx.addIssue({
        code: 'custom',
        message: `must set one of ${STEP_KINDS.join(', ')}`,
      });
    } else if (kinds.length > 1) {
      ctx.addIssue({
        code: 'custom',
        message: `must set only one of ${STEP_KINDS.join(
          ', ',
        )}, as a step of Argo Rollouts does (this one sets ${kinds.join(
          ' and ',
        )}); write them as steps of their own`,
      });
    }
  });

/**
 * `analysis.steps`: Argo Rollouts' canary steps (setWeight, pause, setHeaderRoute,
 * setMirrorRoute), with their shapes and meaning, as an alternative to Flagger's stepWeight,
 * stepWeights and iterations (canarySpecSchema refuses a mix).
 */
export const analysisSteps = z
  .array(step)
  .min(1, { error: 'must list at least one step' })
  .superRefine((steps, ctx) => {
    // Both kinds of route live in the same routing object, where a name stands for one route.
    const headerRoutes = new Set(
      steps.flatMap(s => (s.setHeaderRoute ? [s.setHeaderRoute.name] : [])),
    );
    steps.forEach((s, index) => {
      if (s.setMirrorRoute && headerRoutes.has(s.setMirrorRoute.name)) {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'setMirrorRoute', 'name'],
          message: `must differ from the name of every setHeaderRoute ("${s.setMirrorRoute.name}" names one): a route name stands for one route of the routing object`,
        });
      }
    });
  });
