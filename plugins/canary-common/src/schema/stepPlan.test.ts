import { pauseDurationMs } from './pauseDurationMs';
import { plannedCanaryWeights } from './plannedCanaryWeights';
import { stepPlan } from './stepPlan';

const beta = {
  name: 'beta',
  match: [{ headerName: 'x-beta', headerValue: { exact: 'yes' } }],
};
const copy = {
  name: 'copy',
  percentage: 35,
  match: [{ path: { prefix: '/api' } }],
};

describe('stepPlan', () => {
  it("labels seed 004's steps in Argo Rollouts' words, with the pause's length", () => {
    const plan = stepPlan([{ setWeight: 50 }, { pause: { duration: '10m' } }]);
    expect(
      plan.steps.map(({ label, kind, pauseMs }) => ({ label, kind, pauseMs })),
    ).toEqual([
      { label: 'setWeight: 50', kind: 'setWeight', pauseMs: undefined },
      { label: 'pause: 10m', kind: 'pause', pauseMs: 600_000 },
    ]);
  });

  it('gives a pause without duration no length: it waits for an owner', () => {
    const [pause] = stepPlan([{ pause: {} }]).steps;
    expect(pause).toMatchObject({ label: 'pause', kind: 'pause' });
    expect(pause.pauseMs).toBeUndefined();
  });

  it('keeps the weight of the last setWeight through the steps after it, 0 before the first', () => {
    const plan = stepPlan([
      { pause: {} },
      { setWeight: 20 },
      { pause: { duration: 60 } },
      { setWeight: 60 },
    ]);
    expect(
      [0, 1, 2, 3, 4].map(i => plan.trafficBefore(i).canaryWeight),
    ).toEqual([0, 0, 20, 20, 60]);
  });

  it('keeps header and mirror routes from the step that sets them until a step of the same name without match removes them', () => {
    const plan = stepPlan([
      { setHeaderRoute: beta },
      { setMirrorRoute: copy },
      { setWeight: 10 },
      { setHeaderRoute: { name: 'beta' } },
      { setMirrorRoute: { name: 'copy' } },
    ]);
    expect(
      [1, 2, 3, 4, 5].map(i => {
        const t = plan.trafficBefore(i);
        return [
          t.canaryWeight,
          t.headerRoutes.map(r => r.name),
          t.mirrorRoutes.map(r => r.name),
        ];
      }),
    ).toEqual([
      [0, ['beta'], []],
      [0, ['beta'], ['copy']],
      [10, ['beta'], ['copy']],
      [10, [], ['copy']],
      [10, [], []],
    ]);
    expect(plan.trafficBefore(2).mirrorRoutes).toEqual([copy]);
  });

  it('replaces a route set again in its place, keeping the order routes are matched in', () => {
    const other = {
      name: 'other',
      match: [{ headerName: 'x-other', headerValue: { exact: '1' } }],
    };
    const wider = {
      name: 'beta',
      match: [{ headerName: 'x-beta', headerValue: { regex: '.*' } }],
    };
    const plan = stepPlan([
      { setHeaderRoute: beta },
      { setHeaderRoute: other },
      { setHeaderRoute: wider },
    ]);
    expect(plan.trafficBefore(3).headerRoutes).toEqual([wider, other]);
  });

  it('reads the traffic after the last step for any index past it', () => {
    const plan = stepPlan([{ setWeight: 50 }]);
    expect(plan.trafficBefore(1).canaryWeight).toBe(50);
    expect(plan.trafficBefore(7).canaryWeight).toBe(50);
  });
});

describe('plannedCanaryWeights with steps', () => {
  it('lists the weights of the setWeight steps, in order', () => {
    expect(
      plannedCanaryWeights({
        steps: [
          { setWeight: 10 },
          { pause: {} },
          { setWeight: 50 },
          { pause: { duration: '10m' } },
        ],
      }),
    ).toEqual([10, 50]);
  });
});

describe('pauseDurationMs', () => {
  it.each<[string | number, number]>([
    ['10m', 600_000],
    ['1h30m', 5_400_000],
    [600, 600_000],
    ['600', 600_000],
    ['90s', 90_000],
  ])('reads %j as %i ms, as Argo Rollouts does', (duration, ms) => {
    expect(pauseDurationMs(duration)).toBe(ms);
  });

  it.each<string | number>([-1, 1.5, '1d', ''])('refuses %j', duration => {
    expect(() => pauseDurationMs(duration)).toThrow();
  });
});
