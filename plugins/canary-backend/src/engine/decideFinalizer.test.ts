import { CANARY_FINALIZER } from './CANARY_FINALIZER';
import { decideFinalizer } from './decideFinalizer';

describe('decideFinalizer', () => {
  it('given revertOnDeletion and no finalizer, adds it', () => {
    expect(decideFinalizer({ revertOnDeletion: true })).toBe('add');
    expect(
      decideFinalizer({ revertOnDeletion: true, finalizers: ['other/one'] }),
    ).toBe('add');
  });

  it('given revertOnDeletion and the finalizer, changes nothing', () => {
    expect(
      decideFinalizer({
        revertOnDeletion: true,
        finalizers: ['other/one', CANARY_FINALIZER],
      }),
    ).toBeUndefined();
  });

  it('given revertOnDeletion switched off, removes the finalizer it had added', () => {
    expect(
      decideFinalizer({
        revertOnDeletion: false,
        finalizers: [CANARY_FINALIZER],
      }),
    ).toBe('remove');
    expect(decideFinalizer({ finalizers: [CANARY_FINALIZER] })).toBe('remove');
  });

  it('given no revertOnDeletion, never touches finalizers of others', () => {
    expect(decideFinalizer({})).toBeUndefined();
    expect(decideFinalizer({ finalizers: ['other/one'] })).toBeUndefined();
  });
});
