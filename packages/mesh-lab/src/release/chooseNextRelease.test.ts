import { chooseNextRelease } from './chooseNextRelease';

const GOOD = [
  'ghcr.io/stefanprodan/podinfo:6.1.0',
  'ghcr.io/stefanprodan/podinfo:6.2.0',
];
const FAULTY = 'ghcr.io/stefanprodan/podinfo:6.0.1';

describe('chooseNextRelease', () => {
  it('given podinfo on 6.0.0 and a faulty release every third time, releases the good images in turn with every third one faulty', () => {
    const good = [...GOOD, 'ghcr.io/stefanprodan/podinfo:6.3.0'];
    let current = 'ghcr.io/stefanprodan/podinfo:6.0.0';
    let previousGood: string | undefined;
    const released = [0, 1, 2, 3, 4, 5].map(releaseNumber => {
      const next = chooseNextRelease({
        current,
        releaseNumber,
        previousGood,
        goodImages: good,
        faultyImage: FAULTY,
        faultyEvery: 3,
      });
      current = next.image;
      if (!next.faulty) previousGood = next.image;
      return next.image;
    });
    expect(released).toEqual([
      good[0],
      good[1],
      FAULTY,
      good[2],
      good[0],
      FAULTY,
    ]);
  });

  it('never picks the image already deployed, which would start no rollout', () => {
    for (const previousGood of [undefined, GOOD[0], GOOD[1]]) {
      const next = chooseNextRelease({
        current: GOOD[0],
        releaseNumber: 0,
        previousGood,
        goodImages: GOOD,
        faultyEvery: 0,
      });
      expect(next).toEqual({ image: GOOD[1], faulty: false });
    }
  });

  it('when the faulty image is already deployed (a rolled-back release), releases a good one instead', () => {
    expect(
      chooseNextRelease({
        current: FAULTY,
        releaseNumber: 2,
        goodImages: GOOD,
        faultyImage: FAULTY,
        faultyEvery: 3,
      }),
    ).toEqual({ image: GOOD[0], faulty: false });
  });

  it('with one good image and every other release faulty, alternates between the two', () => {
    expect(
      chooseNextRelease({
        current: GOOD[0],
        releaseNumber: 1,
        goodImages: [GOOD[0]],
        faultyImage: FAULTY,
        faultyEvery: 2,
      }),
    ).toEqual({ image: FAULTY, faulty: true });
  });

  it('says what is missing when no good image differs from the deployed one', () => {
    expect(() =>
      chooseNextRelease({
        current: GOOD[0],
        releaseNumber: 0,
        goodImages: [GOOD[0]],
        faultyEvery: 0,
      }),
    ).toThrow(
      'The release driver needs a good image other than the one deployed (ghcr.io/stefanprodan/podinfo:6.1.0); got ghcr.io/stefanprodan/podinfo:6.1.0',
    );
  });
});
