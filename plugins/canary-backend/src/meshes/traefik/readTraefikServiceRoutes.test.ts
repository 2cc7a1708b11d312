import { readTraefikServiceRoutes } from './readTraefikServiceRoutes';

const NAMES = { primaryName: 'podinfo-primary', canaryName: 'podinfo-canary' };
const traefikService = (spec: Record<string, unknown>) => ({
  apiVersion: 'traefik.io/v1alpha1',
  kind: 'TraefikService',
  metadata: { name: 'podinfo', namespace: 'test' },
  spec,
});

describe('readTraefikServiceRoutes', () => {
  it("reads Flagger's TraefikService at 100/0, which lists only the primary", () => {
    expect(
      readTraefikServiceRoutes(
        traefikService({
          weighted: {
            services: [
              {
                name: 'podinfo-primary',
                namespace: 'test',
                port: 9898,
                weight: 100,
              },
            ],
          },
        }),
        NAMES,
      ),
    ).toEqual({ primaryWeight: 100, canaryWeight: 0, mirrored: false });
  });

  it('counts a service without a weight as 1, as Traefik does', () => {
    expect(
      readTraefikServiceRoutes(
        traefikService({
          weighted: {
            services: [
              { name: 'podinfo-primary', port: 9898 },
              { name: 'podinfo-canary', port: 9898, weight: 100 },
            ],
          },
        }),
        NAMES,
      ),
    ).toEqual({ primaryWeight: 1, canaryWeight: 100, mirrored: false });
  });

  it('reads a mirroring TraefikService as all traffic on the primary, mirrored to the canary', () => {
    expect(
      readTraefikServiceRoutes(
        traefikService({
          mirroring: {
            name: 'podinfo-primary',
            port: 9898,
            mirrors: [{ name: 'podinfo-canary', port: 9898, percent: 50 }],
          },
        }),
        NAMES,
      ),
    ).toEqual({ primaryWeight: 100, canaryWeight: 0, mirrored: true });
  });

  it('is undefined for a TraefikService that does not route to the primary', () => {
    expect(
      readTraefikServiceRoutes(
        traefikService({
          weighted: { services: [{ name: 'other', port: 80, weight: 1 }] },
        }),
        NAMES,
      ),
    ).toBeUndefined();
  });
});
