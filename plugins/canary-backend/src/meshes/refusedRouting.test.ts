import type { MeshRouterFactory } from '@vane/plugin-canary-node';
import { podinfoCanary } from '../routers/testing/podinfoCanary';
import { refusedRouting } from './refusedRouting';

const create: MeshRouterFactory['create'] = () => {
  throw new Error('not created in these tests');
};

describe('refusedRouting', () => {
  it("joins a router's refusals into one message, in its order", () => {
    const factory: MeshRouterFactory = {
      provider: 'consul',
      create,
      refuse: () => [
        {
          field: 'analysis.match',
          message: 'analysis.match is not supported by provider consul',
        },
        {
          field: 'service.gateways',
          message: 'service.gateways is not supported by provider consul',
        },
      ],
    };
    expect(refusedRouting(factory, podinfoCanary())).toBe(
      'analysis.match is not supported by provider consul; service.gateways is not supported by provider consul',
    );
  });

  it('lets a Canary through when its router refuses nothing, or has no refuse (a module written before it)', () => {
    expect(
      refusedRouting(
        { provider: 'consul', create, refuse: () => [] },
        podinfoCanary(),
      ),
    ).toBeUndefined();
    expect(
      refusedRouting({ provider: 'consul', create }, podinfoCanary()),
    ).toBeUndefined();
  });

  it('refuses the Canary, saying why, when the refuse of a module throws', () => {
    const factory: MeshRouterFactory = {
      provider: 'consul',
      create,
      refuse: () => {
        throw new Error('spec.service is undefined');
      },
    };
    expect(refusedRouting(factory, podinfoCanary())).toBe(
      'provider consul could not check the Canary: spec.service is undefined',
    );
  });
});
