/** What the demo's release driver deploys next, and why. */
export interface NextRelease {
  image: string;
  /** True when the image is one the lab makes misbehave, so the engine should roll it back. */
  faulty: boolean;
}

/**
 * Picks the next image of the demo's release driver: every `faultyEvery`-th release is the faulty
 * image, the others go through the good ones in turn (the one after the last good release). The
 * image the Deployment already runs is skipped, since setting it again would start no rollout.
 */
export function chooseNextRelease(options: {
  /** The image the Deployment's container runs now. */
  current: string;
  /** How many releases the driver has made so far (0 for the first). */
  releaseNumber: number;
  /** The good image the driver released last, if any. */
  previousGood?: string;
  goodImages: readonly string[];
  faultyImage?: string;
  /** Every n-th release is faulty; 0 means never. */
  faultyEvery: number;
}): NextRelease {
  const { current, releaseNumber, previousGood, goodImages } = options;
  const { faultyImage, faultyEvery } = options;
  const faultyTurn = faultyEvery > 0 && (releaseNumber + 1) % faultyEvery === 0;
  if (faultyImage && faultyTurn && faultyImage !== current) {
    return { image: faultyImage, faulty: true };
  }
  const start = previousGood ? goodImages.indexOf(previousGood) + 1 : 0;
  for (let offset = 0; offset < goodImages.length; offset++) {
    const image = goodImages[(start + offset) % goodImages.length];
    if (image !== current) {
      return { image, faulty: false };
    }
  }
  throw new Error(
    `The release driver needs a good image other than the one deployed (${current}); got ${
      goodImages.join(', ') || 'none'
    }`,
  );
}
