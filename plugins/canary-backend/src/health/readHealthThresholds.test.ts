import { ConfigReader } from '@backstage/config';
import { readHealthThresholds } from './readHealthThresholds';

describe('readHealthThresholds', () => {
  it("defaults to Kiali's thresholds", () => {
    expect(readHealthThresholds(new ConfigReader({}))).toEqual({
      degraded5xx: 0,
      failing5xx: 10,
      degraded4xx: 10,
      failing4xx: 20,
    });
  });

  it('takes configured values, keeping defaults for the rest', () => {
    const config = new ConfigReader({
      canary: { health: { thresholds: { degraded5xx: 1, failing5xx: 5 } } },
    });
    expect(readHealthThresholds(config)).toEqual({
      degraded5xx: 1,
      failing5xx: 5,
      degraded4xx: 10,
      failing4xx: 20,
    });
  });

  it('refuses a share outside 0-100 with the key', () => {
    const config = new ConfigReader({
      canary: { health: { thresholds: { failing4xx: 120 } } },
    });
    expect(() => readHealthThresholds(config)).toThrow(
      'canary.health.thresholds.failing4xx must be a percentage between 0 and 100 (got 120)',
    );
  });

  it('refuses a degraded threshold above the failing one', () => {
    const config = new ConfigReader({
      canary: { health: { thresholds: { degraded5xx: 15 } } },
    });
    expect(() => readHealthThresholds(config)).toThrow(
      'canary.health.thresholds.degraded5xx (15) must not be above canary.health.thresholds.failing5xx (10)',
    );
  });
});
