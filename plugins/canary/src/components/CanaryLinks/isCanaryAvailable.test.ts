import { Entity } from '@backstage/catalog-model';
import { isCanaryAvailable } from './isCanaryAvailable';

const withAnnotations = (annotations?: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'podinfo', annotations },
});

describe('isCanaryAvailable', () => {
  it.each([
    ['vane.dev/canary', 'test/podinfo'],
    ['vane.dev/rollout', 'test/ratings'],
    ['backstage.io/kubernetes-id', 'podinfo'],
    ['backstage.io/kubernetes-label-selector', 'app=podinfo'],
  ])('is true for an entity with %s', (annotation, value) => {
    expect(isCanaryAvailable(withAnnotations({ [annotation]: value }))).toBe(
      true,
    );
  });

  it('is false without annotations, with only a namespace, or with a blank value', () => {
    expect(isCanaryAvailable(withAnnotations())).toBe(false);
    expect(
      isCanaryAvailable(
        withAnnotations({ 'backstage.io/kubernetes-namespace': 'test' }),
      ),
    ).toBe(false);
    expect(isCanaryAvailable(withAnnotations({ 'vane.dev/canary': ' ' }))).toBe(
      false,
    );
  });
});
