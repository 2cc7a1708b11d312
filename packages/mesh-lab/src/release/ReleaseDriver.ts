import { KubeConfig } from '@kubernetes/client-node';
import { requestKubernetes } from '../cluster/requestKubernetes';
import { chooseNextRelease } from './chooseNextRelease';
import { isRolloutSettled } from './isRolloutSettled';

/** The Deployment a release driver changes and the Canary that rolls it out. */
export interface ReleaseTarget {
  namespace: string;
  deployment: string;
  container: string;
  canary: string;
}

export interface ReleaseDriverOptions {
  kubeConfig: KubeConfig;
  target: ReleaseTarget;
  goodImages: readonly string[];
  faultyImage?: string;
  /** Every n-th release is the faulty image; 0 means never. */
  faultyEvery: number;
  /** How long a finished rollout stays on screen before the next release. */
  pauseMs: number;
  /** How often the Canary is read (the demo has no informer to spare; one GET is cheap). */
  pollMs?: number;
  /** Asked at every poll; false stops the driver (the CLI's lab process is gone). */
  keepGoing?: () => boolean;
  log: (line: string) => void;
}

interface CanaryState {
  phase?: string;
  reason?: string;
  lastTransitionTime?: string;
  canaryWeight?: number;
}

/**
 * The demo's release driver: waits until the Canary has no rollout under way, leaves the result
 * on screen for a while, sets the next image on the Deployment (sometimes a faulty one) and
 * waits for the engine to take it up, again and again, so the portal always has something to show.
 */
export class ReleaseDriver {
  private stopped = false;
  private wakeUp: () => void = () => {};
  private releases = 0;
  private previousGood?: string;

  constructor(private readonly options: ReleaseDriverOptions) {}

  /** Runs until stop() or until keepGoing() says no. */
  async run(): Promise<void> {
    const { target, log } = this.options;
    const name = `${target.namespace}/${target.canary}`;
    log(
      `driving releases of Deployment ${target.namespace}/${target.deployment} through Canary ${name}`,
    );
    while (this.running()) {
      const settled = await this.waitUntil(
        `Canary ${name} to finish its rollout`,
        state => isRolloutSettled(state.phase),
      );
      if (!settled) break;
      log(
        `Canary ${name} is ${settled.phase}${
          settled.reason ? ` (${settled.reason})` : ''
        }; next release in ${Math.round(this.options.pauseMs / 1000)} s`,
      );
      await this.sleep(this.options.pauseMs);
      if (!this.running()) break;
      // Someone (an operator, a test) may have released in the meantime: wait for that one.
      if (!isRolloutSettled((await this.readCanary()).phase)) continue;
      // A failed release (the API server busy, a bad image list) is logged and tried again after
      // the next pause rather than ending the demo.
      await this.releaseNext(name).catch((e: Error) =>
        log(`could not release: ${e.message}`),
      );
    }
    log('release driver stopped');
  }

  stop(): void {
    this.stopped = true;
    this.wakeUp();
  }

  private async releaseNext(name: string): Promise<void> {
    const { target, log } = this.options;
    const current = await this.readImage();
    const next = chooseNextRelease({
      current,
      releaseNumber: this.releases,
      previousGood: this.previousGood,
      goodImages: this.options.goodImages,
      faultyImage: this.options.faultyImage,
      faultyEvery: this.options.faultyEvery,
    });
    const releasedAt = new Date();
    await requestKubernetes(
      this.options.kubeConfig,
      'PATCH',
      `/apis/apps/v1/namespaces/${target.namespace}/deployments/${target.deployment}`,
      {
        spec: {
          template: {
            spec: {
              containers: [{ name: target.container, image: next.image }],
            },
          },
        },
      },
      'application/strategic-merge-patch+json',
    );
    this.releases += 1;
    if (!next.faulty) this.previousGood = next.image;
    log(
      `release ${this.releases}: ${current} -> ${next.image}${
        next.faulty ? ' (faulty: the engine should roll it back)' : ''
      }`,
    );
    // The phase stays settled until the engine's next tick sees the new revision; a transition
    // after the release says it has.
    const taken = await this.waitUntil(
      `the engine to start rolling out ${next.image}`,
      state =>
        !isRolloutSettled(state.phase) ||
        (state.lastTransitionTime !== undefined &&
          new Date(state.lastTransitionTime) > releasedAt),
    );
    if (taken) {
      log(
        `Canary ${name} is ${taken.phase} at canary weight ${
          taken.canaryWeight ?? 0
        }`,
      );
    }
  }

  /**
   * Reads the Canary until `done` holds, logging every phase change and, every minute, what it
   * still waits for. Undefined when the driver was stopped first.
   */
  private async waitUntil(
    description: string,
    done: (state: CanaryState) => boolean,
  ): Promise<CanaryState | undefined> {
    let lastPhase: string | undefined;
    let lastNotice = Date.now();
    while (this.running()) {
      const state = await this.readCanary().catch((e: Error): CanaryState => {
        this.options.log(`could not read the Canary: ${e.message}`);
        return {};
      });
      if (done(state)) return state;
      if (state.phase !== lastPhase && state.phase) {
        this.options.log(
          `phase ${state.phase}, canary weight ${state.canaryWeight ?? 0}`,
        );
        lastPhase = state.phase;
      }
      if (Date.now() - lastNotice > 60_000) {
        this.options.log(
          `still waiting for ${description} (phase ${
            state.phase ?? 'unknown'
          })`,
        );
        lastNotice = Date.now();
      }
      await this.sleep(this.options.pollMs ?? 2000);
    }
    return undefined;
  }

  private running(): boolean {
    if (this.stopped) return false;
    if (this.options.keepGoing && !this.options.keepGoing()) {
      this.stopped = true;
      return false;
    }
    return true;
  }

  private async readCanary(): Promise<CanaryState> {
    const { target } = this.options;
    const canary = await requestKubernetes(
      this.options.kubeConfig,
      'GET',
      `/apis/delivery.vane.dev/v1alpha1/namespaces/${target.namespace}/canaries/${target.canary}`,
    );
    return canary?.status ?? {};
  }

  private async readImage(): Promise<string> {
    const { target } = this.options;
    const deployment = await requestKubernetes(
      this.options.kubeConfig,
      'GET',
      `/apis/apps/v1/namespaces/${target.namespace}/deployments/${target.deployment}`,
    );
    const container = deployment?.spec?.template?.spec?.containers?.find(
      (c: { name: string }) => c.name === target.container,
    );
    if (!container) {
      throw new Error(
        `Deployment ${target.namespace}/${target.deployment} has no container ${target.container}`,
      );
    }
    return container.image;
  }

  /** A pause that stop() cuts short. */
  private sleep(ms: number): Promise<void> {
    return new Promise(resolve => {
      const timer = setTimeout(resolve, ms);
      this.wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
