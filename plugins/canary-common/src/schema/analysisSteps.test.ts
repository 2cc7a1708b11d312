import { ARGO_STEP_REFUSALS } from './analysisSteps';
import { validateCanarySpec } from './validateCanarySpec';

/** Seed 004's Rollout as a Canary: `setWeight: 50`, then `pause: {duration: 10m}`, on Istio. */
function seed004(
  steps: unknown[] = [{ setWeight: 50 }, { pause: { duration: '10m' } }],
): Record<string, any> {
  return {
    provider: 'istio',
    targetRef: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name: 'rollout-istio',
    },
    service: {
      port: 80,
      targetPort: 5000,
      gateways: ['argo-gateway'],
      hosts: ['*'],
    },
    analysis: {
      interval: '30s',
      threshold: 3,
      steps,
      metrics: [{ name: 'request-success-rate', thresholdRange: { min: 99 } }],
    },
  };
}

function errorsOf(spec: unknown): string[] {
  const result = validateCanarySpec(spec);
  if (result.valid) {
    throw new Error('expected the spec to be invalid');
  }
  return result.errors.map(e => e.message);
}

function validSteps(steps: unknown[]) {
  const result = validateCanarySpec(seed004(steps));
  if (!result.valid) {
    throw new Error(result.errors.map(e => e.message).join('; '));
  }
  return result.spec.analysis.steps;
}

describe('analysis.steps (Argo Rollouts canary steps)', () => {
  it("accepts seed 004's steps as the Rollout writes them", () => {
    expect(
      validSteps([{ setWeight: 50 }, { pause: { duration: '10m' } }]),
    ).toEqual([{ setWeight: 50 }, { pause: { duration: '10m' } }]);
  });

  it.each<[string, unknown]>([
    ['a string with a unit', '10m'],
    ['several units', '1h30m'],
    ['a fraction with a unit', '1.5h'],
    ['milliseconds', '1500ms'],
    ['a whole number of seconds', 600],
    ['a string of digits, seconds as Argo Rollouts reads it', '600'],
  ])('accepts a pause duration written as %s', (_, duration) => {
    expect(validSteps([{ pause: { duration } }])).toEqual([
      { pause: { duration } },
    ]);
  });

  it('accepts a pause without duration, held until an owner resumes it', () => {
    expect(validSteps([{ setWeight: 20 }, { pause: {} }])).toEqual([
      { setWeight: 20 },
      { pause: {} },
    ]);
  });

  it("accepts Argo Rollouts' setHeaderRoute and setMirrorRoute shapes, and their removal by name", () => {
    const steps = [
      {
        setHeaderRoute: {
          name: 'header-route-1',
          match: [
            { headerName: 'Custom-Header1', headerValue: { exact: 'Mozilla' } },
            {
              headerName: 'Custom-Header2',
              headerValue: { prefix: 'Mozilla' },
            },
            { headerName: 'Custom-Header3', headerValue: { regex: 'Moz.*' } },
          ],
        },
      },
      {
        setMirrorRoute: {
          name: 'mirror-route',
          percentage: 35,
          match: [
            {
              method: { exact: 'GET' },
              path: { prefix: '/' },
              headers: { 'agent-1b': { exact: 'firefox' } },
            },
          ],
        },
      },
      { pause: { duration: '1m' } },
      { setHeaderRoute: { name: 'header-route-1' } },
      { setMirrorRoute: { name: 'mirror-route' } },
      { setWeight: 100 },
    ];
    expect(validSteps(steps)).toEqual(steps);
  });

  it.each<[string, unknown[], string]>([
    ['no steps', [], 'analysis.steps must list at least one step (got [])'],
    [
      'a step of no kind',
      [{}],
      'analysis.steps[0] must set one of setWeight, pause, setHeaderRoute, setMirrorRoute (got {})',
    ],
    [
      'a step of two kinds',
      [{ setWeight: 50, pause: {} }],
      'analysis.steps[0] must set only one of setWeight, pause, setHeaderRoute, setMirrorRoute, as a step of Argo Rollouts does (this one sets setWeight and pause); write them as steps of their own (got {"setWeight":50,"pause":{}})',
    ],
    [
      'a weight over 100',
      [{ setWeight: 101 }],
      'analysis.steps[0].setWeight must be between 0 and 100 (got 101)',
    ],
    [
      'a negative weight',
      [{ setWeight: -10 }],
      'analysis.steps[0].setWeight must be between 0 and 100 (got -10)',
    ],
    [
      'a fractional weight',
      [{ setWeight: 12.5 }],
      'analysis.steps[0].setWeight must be a whole number between 0 and 100 (got 12.5)',
    ],
    [
      'a pause of 0 seconds',
      [{ pause: { duration: 0 } }],
      'analysis.steps[0].pause.duration must be at least 1s; remove the step for no pause (got 0)',
    ],
    [
      'a pause under a second',
      [{ pause: { duration: '500ms' } }],
      'analysis.steps[0].pause.duration must be at least 1s; remove the step for no pause (got "500ms")',
    ],
    [
      'a pause over a month',
      [{ pause: { duration: '721h' } }],
      'analysis.steps[0].pause.duration must be at most 720h; for longer, pause without a duration until an owner resumes the rollout (got "721h")',
    ],
    [
      'a pause with a unit Vane does not read',
      [{ pause: { duration: '1d' } }],
      'analysis.steps[0].pause.duration must be a duration such as 30s, 10m or 1h30m, or a whole number of seconds (got "1d")',
    ],
    [
      'a pause of a fraction of seconds without unit',
      [{ pause: { duration: 1.5 } }],
      'analysis.steps[0].pause.duration must be a duration such as 30s, 10m or 1h30m, or a whole number of seconds (got 1.5)',
    ],
    [
      'a pause of negative seconds',
      [{ pause: { duration: -5 } }],
      'analysis.steps[0].pause.duration must be a duration such as 30s, 10m or 1h30m, or a whole number of seconds (got -5)',
    ],
    [
      'a pause duration that is neither a string nor a number',
      [{ pause: { duration: true } }],
      'analysis.steps[0].pause.duration must be a duration such as 30s, 10m or 1h30m, or a whole number of seconds (got true)',
    ],
    [
      'a header route without a name',
      [{ setHeaderRoute: { match: [] } }],
      'analysis.steps[0].setHeaderRoute.name is required',
    ],
    [
      'a header match without a header name',
      [
        {
          setHeaderRoute: {
            name: 'beta',
            match: [{ headerValue: { exact: 'yes' } }],
          },
        },
      ],
      'analysis.steps[0].setHeaderRoute.match[0].headerName is required',
    ],
    [
      'a header value matched two ways',
      [
        {
          setHeaderRoute: {
            name: 'beta',
            match: [
              {
                headerName: 'x-beta',
                headerValue: { exact: 'yes', prefix: 'y' },
              },
            ],
          },
        },
      ],
      'analysis.steps[0].setHeaderRoute.match[0].headerValue must set exactly one of exact, prefix and regex (got {"exact":"yes","prefix":"y"})',
    ],
    [
      'a header value matched no way',
      [
        {
          setHeaderRoute: {
            name: 'beta',
            match: [{ headerName: 'x-beta', headerValue: {} }],
          },
        },
      ],
      'analysis.steps[0].setHeaderRoute.match[0].headerValue must set exactly one of exact, prefix and regex (got {})',
    ],
    [
      'a mirror match that matches everything',
      [{ setMirrorRoute: { name: 'copy', match: [{}] } }],
      'analysis.steps[0].setMirrorRoute.match[0] must match a method, a path or headers: an empty match would mirror every request (got {})',
    ],
    [
      'a mirror percentage over 100',
      [
        {
          setMirrorRoute: {
            name: 'copy',
            percentage: 150,
            match: [{ path: { prefix: '/' } }],
          },
        },
      ],
      'analysis.steps[0].setMirrorRoute.percentage must be between 1 and 100 (got 150)',
    ],
    [
      'a mirror route named as a header route',
      [
        {
          setHeaderRoute: {
            name: 'beta',
            match: [{ headerName: 'x-beta', headerValue: { exact: 'yes' } }],
          },
        },
        {
          setMirrorRoute: {
            name: 'beta',
            match: [{ path: { prefix: '/' } }],
          },
        },
      ],
      'analysis.steps[1].setMirrorRoute.name must differ from the name of every setHeaderRoute ("beta" names one): a route name stands for one route of the routing object (got "beta")',
    ],
  ])('refuses %s, naming the step and the rule', (_, steps, message) => {
    expect(errorsOf(seed004(steps))).toEqual([message]);
  });

  it.each(
    Object.keys(ARGO_STEP_REFUSALS) as Array<keyof typeof ARGO_STEP_REFUSALS>,
  )(
    "refuses Argo Rollouts' %s step by name, saying why and what to do instead",
    kind => {
      const value = {
        experiment: { templates: [{ name: 'baseline', specRef: 'stable' }] },
        analysis: { templates: [{ templateName: 'success-rate' }] },
        setCanaryScale: { replicas: 3 },
        plugin: { name: 'argoproj-labs/step-exec' },
      }[kind];
      expect(errorsOf(seed004([{ setWeight: 50 }, { [kind]: value }]))).toEqual(
        [
          `analysis.steps[1].${kind} ${
            ARGO_STEP_REFUSALS[kind]
          } (got ${JSON.stringify(value)})`,
        ],
      );
    },
  );

  it('refuses an empty step of a kind Vane does not run, rather than taking it for no step', () => {
    expect(errorsOf(seed004([{ experiment: {} }]))).toEqual([
      `analysis.steps[0].experiment ${ARGO_STEP_REFUSALS.experiment} (got {})`,
    ]);
  });

  describe('exactly one way to describe the traffic', () => {
    it.each<[string, Record<string, unknown>, string]>([
      [
        'stepWeight',
        { stepWeight: 20 },
        "analysis.stepWeight cannot be combined with analysis.steps: steps describe the traffic in Argo Rollouts' vocabulary, stepWeight in Flagger's; keep one of them (got 20)",
      ],
      [
        'stepWeights',
        { stepWeights: [10, 50] },
        "analysis.stepWeights cannot be combined with analysis.steps: steps describe the traffic in Argo Rollouts' vocabulary, stepWeights in Flagger's; keep one of them (got [10,50])",
      ],
      [
        'iterations',
        { iterations: 10 },
        "analysis.iterations cannot be combined with analysis.steps: steps describe the traffic in Argo Rollouts' vocabulary, iterations in Flagger's; keep one of them (got 10)",
      ],
      [
        'maxWeight',
        { maxWeight: 50 },
        'analysis.maxWeight applies to weight steps (stepWeight, stepWeights), not to analysis.steps, whose setWeight steps name every weight; remove it (got 50)',
      ],
      [
        'mirror',
        { mirror: true },
        'analysis.mirror cannot be combined with analysis.steps: mirror requests to the canary with a setMirrorRoute step; remove it (got true)',
      ],
      [
        'match',
        { match: [{ headers: { 'x-canary': { exact: 'insider' } } }] },
        'analysis.match cannot be combined with analysis.steps: send matching requests to the canary with a setHeaderRoute step; remove it (got [{"headers":{"x-canary":{"exact":"insider"}}}])',
      ],
    ])('refuses steps beside %s by name', (_, fields, message) => {
      const spec = seed004();
      Object.assign(spec.analysis, fields);
      expect(errorsOf(spec)).toEqual([message]);
    });

    it('names steps in the rule a Canary without any way to describe the traffic breaks', () => {
      const spec = seed004();
      delete spec.analysis.steps;
      expect(errorsOf(spec)).toEqual([
        "analysis.stepWeight or stepWeights is required for a canary release; set iterations instead for A/B testing or blue/green, or steps for Argo Rollouts' setWeight and pause steps",
      ]);
    });

    it('lets steps stand with stepWeightPromotion, which hands traffic back after the promotion', () => {
      const spec = seed004();
      spec.analysis.stepWeightPromotion = 25;
      expect(validateCanarySpec(spec).valid).toBe(true);
    });
  });
});
