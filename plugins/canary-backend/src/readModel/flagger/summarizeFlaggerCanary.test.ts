import { summarizeFlaggerCanary } from './summarizeFlaggerCanary';

const deployment = (name: string, image: string) => ({
  metadata: { name, namespace: 'webapp' },
  spec: { template: { spec: { containers: [{ name: 'search', image }] } } },
});

describe('summarizeFlaggerCanary', () => {
  it("shows a Flagger Canary's status as Flagger wrote it, its steps read as Flagger reads its spec, and its images", () => {
    const summary = summarizeFlaggerCanary({
      cluster: 'lab',
      entityRef: 'component:default/search',
      canary: {
        metadata: { name: 'search', namespace: 'webapp' },
        spec: {
          provider: 'istio',
          targetRef: {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            name: 'search',
          },
          analysis: {
            interval: '1m',
            threshold: 5,
            maxWeight: 50,
            stepWeight: 10,
            metrics: [
              {
                name: 'request-success-rate',
                thresholdRange: { min: 99 },
                interval: '1m',
              },
            ],
            // A field Vane refuses on its own Canaries: not Vane's business here.
            sessionAffinity: { cookieName: 'flagger-cookie' },
          } as any,
        },
        status: {
          phase: 'Progressing',
          canaryWeight: 30,
          failedChecks: 1,
          iterations: 0,
          lastTransitionTime: '2026-03-01T10:05:00Z',
          conditions: [
            {
              type: 'Promoted',
              status: 'Unknown',
              reason: 'Progressing',
              message: 'New revision detected, progressing canary analysis.',
              lastTransitionTime: '2026-03-01T10:00:00Z',
            },
          ],
        },
      },
      target: deployment('search', 'ghcr.io/stefanprodan/podinfo:6.1.0'),
      primary: deployment(
        'search-primary',
        'ghcr.io/stefanprodan/podinfo:6.0.0',
      ),
      events: [],
    });
    expect(summary).toEqual({
      cluster: 'lab',
      namespace: 'webapp',
      name: 'search',
      entityRef: 'component:default/search',
      controller: 'flagger',
      provider: 'istio',
      spec: {
        valid: true,
        strategy: 'canary',
        targetRef: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: 'search',
        },
        interval: '1m',
        threshold: 5,
        maxWeight: 50,
        stepWeight: 10,
        steps: [10, 20, 30, 40, 50],
        metrics: [
          {
            name: 'request-success-rate',
            interval: '1m',
            thresholdRange: { min: 99 },
          },
        ],
        skipAnalysis: false,
        suspend: false,
      },
      status: {
        phase: 'Progressing',
        canaryWeight: 30,
        failedChecks: 1,
        iterations: 0,
        reason: 'New revision detected, progressing canary analysis.',
        conditions: [
          {
            type: 'Promoted',
            status: 'Unknown',
            reason: 'Progressing',
            message: 'New revision detected, progressing canary analysis.',
            lastTransitionTime: '2026-03-01T10:00:00Z',
          },
        ],
        metrics: [],
        lastTransitionTime: '2026-03-01T10:05:00Z',
      },
      images: {
        primary: [
          { container: 'search', image: 'ghcr.io/stefanprodan/podinfo:6.0.0' },
        ],
        canary: [
          { container: 'search', image: 'ghcr.io/stefanprodan/podinfo:6.1.0' },
        ],
      },
      events: [],
    });
  });

  it('reads A/B and blue/green from iterations, v1alpha3’s canaryAnalysis, and a suspended Canary', () => {
    const summary = (spec: object) =>
      summarizeFlaggerCanary({
        cluster: 'lab',
        entityRef: 'component:default/search',
        canary: { metadata: { name: 'search', namespace: 'webapp' }, spec },
        events: [],
      });
    expect(
      summary({ analysis: { iterations: 10, match: [{ headers: {} }] } }).spec,
    ).toMatchObject({ strategy: 'ab', iterations: 10, steps: [] });
    expect(summary({ analysis: { iterations: 10 } }).spec).toMatchObject({
      strategy: 'bluegreen',
    });
    expect(
      summary({ canaryAnalysis: { stepWeight: 25, maxWeight: 50 } }).spec.steps,
    ).toEqual([25, 50]);
    const suspended = summary({ suspend: true, analysis: { stepWeight: 50 } });
    expect(suspended.spec.suspend).toBe(true);
    // Not initialised by Flagger yet: no phase, nothing guessed.
    expect(suspended.status).toEqual({
      canaryWeight: 0,
      failedChecks: 0,
      iterations: 0,
      conditions: [],
      metrics: [],
    });
  });
});
