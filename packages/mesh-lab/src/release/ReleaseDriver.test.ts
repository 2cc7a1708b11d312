import { applyObjects } from '../cluster/applyObjects';
import { requestKubernetes } from '../cluster/requestKubernetes';
import { waitFor } from '../controlplane/waitFor';
import { podinfoObjects } from '../fixtures/podinfoObjects';
import { Lab } from '../lab/Lab';
import { startLab } from '../lab/startLab';
import { ReleaseDriver } from './ReleaseDriver';

// The demo's release driver against a real API server. No engine runs here: the test plays the
// engine by writing the Canary's status, so it decides when a rollout is taken up and ends.
jest.setTimeout(5 * 60_000);

const NS = 'demo';
const START = 'ghcr.io/stefanprodan/podinfo:6.0.0';
const GOOD = ['ghcr.io/stefanprodan/podinfo:6.1.0'];
const FAULTY = 'ghcr.io/stefanprodan/podinfo:6.0.1';

describe('ReleaseDriver', () => {
  let lab: Lab | undefined;
  let driver: ReleaseDriver | undefined;

  afterAll(async () => {
    driver?.stop();
    await lab?.stop();
  });

  it('releases only once the previous rollout has ended, every second one faulty, and stops when told the lab is gone', async () => {
    lab = await startLab({ readyDelayMs: 200 });
    const kc = lab.kubeConfig;
    await applyObjects(kc, [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } },
      ...podinfoObjects({ namespace: NS, name: 'podinfo', image: START }),
      {
        apiVersion: 'delivery.vane.dev/v1alpha1',
        kind: 'Canary',
        metadata: { name: 'podinfo', namespace: NS },
        spec: {
          targetRef: {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            name: 'podinfo',
          },
          service: { port: 9898 },
          analysis: { interval: '5s', threshold: 2, stepWeight: 50 },
        },
      } as any,
    ]);
    const setPhase = (phase: string) =>
      requestKubernetes(
        kc,
        'PATCH',
        `/apis/delivery.vane.dev/v1alpha1/namespaces/${NS}/canaries/podinfo/status`,
        {
          status: {
            phase,
            canaryWeight: phase === 'Progressing' ? 50 : 0,
            lastTransitionTime: new Date().toISOString(),
          },
        },
        'application/merge-patch+json',
      );
    const image = async () =>
      (
        await requestKubernetes(
          kc,
          'GET',
          `/apis/apps/v1/namespaces/${NS}/deployments/podinfo`,
        )
      ).spec.template.spec.containers[0].image;

    // A Canary still Initializing is not ready for a release.
    await setPhase('Initializing');
    const lines: string[] = [];
    let labAlive = true;
    driver = new ReleaseDriver({
      kubeConfig: kc,
      target: {
        namespace: NS,
        deployment: 'podinfo',
        container: 'podinfod',
        canary: 'podinfo',
      },
      goodImages: GOOD,
      faultyImage: FAULTY,
      faultyEvery: 2,
      pauseMs: 300,
      pollMs: 100,
      keepGoing: () => labAlive,
      log: line => lines.push(line),
    });
    const running = driver.run();
    const logSays = (text: string, times = 1) =>
      waitFor(
        `the release driver to log "${text}" ${times} time(s)`,
        () => lines.filter(l => l.includes(text)).length >= times,
        { timeoutMs: 30_000, observe: () => lines.join(' | ') },
      );

    await logSays('phase Initializing');
    expect(await image()).toBe(START);

    await setPhase('Initialized');
    await waitFor(
      `the first release (${GOOD[0]})`,
      async () => (await image()) === GOOD[0],
      { timeoutMs: 30_000, observe: () => lines.join(' | ') },
    );
    // The engine takes it up, then promotes it.
    await setPhase('Progressing');
    await logSays('Canary demo/podinfo is Progressing at canary weight 50');
    await setPhase('Succeeded');
    await waitFor(
      'the second release: the faulty image',
      async () => (await image()) === FAULTY,
      { timeoutMs: 30_000, observe: () => lines.join(' | ') },
    );
    await setPhase('Progressing');
    await logSays('Progressing at canary weight 50', 2);
    await setPhase('Failed');
    await waitFor(
      'the third release: a good image again',
      async () => (await image()) === GOOD[0],
      { timeoutMs: 30_000, observe: () => lines.join(' | ') },
    );

    // Each release waited for the end of the one before: three releases, in this order.
    expect(lines.filter(l => l.startsWith('release '))).toEqual([
      `release 1: ${START} -> ${GOOD[0]}`,
      `release 2: ${GOOD[0]} -> ${FAULTY} (faulty: the engine should roll it back)`,
      `release 3: ${FAULTY} -> ${GOOD[0]}`,
    ]);

    labAlive = false;
    await running;
    expect(lines[lines.length - 1]).toBe('release driver stopped');
  });
});
