import { behaviourOf, simulateResponse } from './simulateResponse';

describe('simulateResponse', () => {
  it('fails the annotated share of requests with 500', () => {
    const behaviour = behaviourOf({ 'lab.vane.dev/error-rate': '0.1' });
    expect(simulateResponse(behaviour, '/', () => 0.05).code).toBe(500);
    expect(simulateResponse(behaviour, '/', () => 0.5).code).toBe(200);
  });

  it("answers podinfo's /status/{code} and /delay/{seconds} like podinfo", () => {
    const behaviour = behaviourOf({ 'lab.vane.dev/latency-ms': '50' });
    expect(simulateResponse(behaviour, '/status/500').code).toBe(500);
    expect(simulateResponse(behaviour, '/status/201').code).toBe(201);
    const delayed = simulateResponse(behaviour, '/delay/1', () => 0.5);
    expect(delayed).toEqual({ code: 200, latencyMs: 1050 });
  });

  it('falls back to healthy defaults for missing or nonsense annotations', () => {
    expect(behaviourOf(undefined)).toEqual({ errorRate: 0, latencyMs: 5 });
    expect(behaviourOf({ 'lab.vane.dev/error-rate': 'lots', 'lab.vane.dev/latency-ms': '-3' })).toEqual({ errorRate: 0, latencyMs: 5 });
    expect(behaviourOf({ 'lab.vane.dev/error-rate': '7' }).errorRate).toBe(1);
  });
});

describe('behaviourOf', () => {
  it("starts from what the pod's image is known to do and lets annotations override it", () => {
    expect(behaviourOf({}, { errorRate: 0.3 })).toEqual({ errorRate: 0.3, latencyMs: 5 });
    expect(behaviourOf({ 'lab.vane.dev/error-rate': '0' }, { errorRate: 0.3, latencyMs: 200 })).toEqual({ errorRate: 0, latencyMs: 200 });
  });
});
