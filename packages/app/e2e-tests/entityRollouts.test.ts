import { expect } from '@playwright/test';
import { test } from './test';
import { FAULTY_IMAGE, PODINFO, PortalLab, uniqueGoodImage } from './PortalLab';
import { ROLLOUT_TEST_TIMEOUT } from './ROLLOUT_TEST_TIMEOUT';
import { screenshotPath } from './screenshotPath';
import { signInAsGuest } from './signInAsGuest';

// podinfo's rollouts as its entity page shows them, live, while the tests release new images in
// the portal's lab (the release driver is off: playwright.config.ts starts the portal with
// VANE_RELEASE_DRIVER=0 and a 5 s analysis interval).
const PODINFO_PAGE = '/catalog/default/component/podinfo';
const PODINFO_ROW = 'rollout-row-lab-test-podinfo';

test.describe('podinfo rollouts on its entity page', () => {
  test.describe.configure({ timeout: ROLLOUT_TEST_TIMEOUT });

  test('a good release advances through the canary weights, step by step, to Succeeded', async ({
    page,
  }) => {
    const lab = PortalLab.open();
    await signInAsGuest(page, PODINFO_PAGE);
    const row = page.getByTestId(PODINFO_ROW);
    await expect(row).toBeVisible();

    const image = uniqueGoodImage();
    await lab.release(PODINFO, image);

    // Recorded from the page as it updates itself (no reload): the weights the bar showed and
    // the "step n of m" texts beside it.
    const bar = row.getByRole('progressbar', { name: 'canary weight' });
    const weights = new Set<number>();
    const steps = new Set<string>();
    let screenshotTaken = false;
    await expect
      .poll(
        async () => {
          const weight = Number(await bar.getAttribute('aria-valuenow'));
          if (weight > 0) weights.add(weight);
          // "step 0 of 4" is the wait before the first step; count the steps taken.
          const step = /step ([1-9]\d*) of \d+/.exec(
            await row.innerText(),
          )?.[0];
          if (step) steps.add(step);
          if (weights.size === 2 && !screenshotTaken) {
            screenshotTaken = true;
            await page.screenshot({
              path: screenshotPath('rollout-advancing'),
              fullPage: true,
            });
          }
          return weights.size >= 2 && steps.size >= 2;
        },
        {
          message: 'the weight bar and "step n of m" to show two steps or more',
          timeout: 90_000,
          intervals: [200],
        },
      )
      .toBe(true);
    // The demo Canary steps by 20 up to 80: every weight seen is one of its steps.
    for (const weight of weights) {
      expect([20, 40, 60, 80]).toContain(weight);
    }
    for (const step of steps) {
      expect(step).toMatch(/^step [1-4] of 4$/);
    }

    await expect(row.getByText('Succeeded', { exact: true })).toBeVisible({
      timeout: 120_000,
    });
    await expect(row).toContainText(image);
    await expect(bar).toHaveAttribute('aria-valuenow', '0');
    await page.screenshot({
      path: screenshotPath('rollout-succeeded'),
      fullPage: true,
    });
  });

  test('the Rollouts tab charts the analysis metrics of the rollout under way, with the step timeline', async ({
    page,
  }) => {
    const lab = PortalLab.open();
    await signInAsGuest(page, `${PODINFO_PAGE}/rollouts`);
    await expect(page.getByTestId(PODINFO_ROW)).toBeVisible();

    await lab.release(PODINFO, uniqueGoodImage());

    const timeline = page.getByTestId('step-timeline');
    await expect(timeline.locator('[aria-current="step"]')).toBeVisible({
      timeout: 30_000,
    });
    await expect(timeline.getByTestId('step-0')).toBeVisible();

    const chart = page.getByTestId('analysis-chart-request-success-rate');
    await expect(chart.locator('svg').first()).toBeVisible({ timeout: 60_000 });
    // Data: a drawn line through at least two samples, and the threshold as a reference line.
    await expect
      .poll(
        async () => {
          const paths = await chart
            .locator('path.recharts-curve')
            .evaluateAll(nodes =>
              nodes.map(node => node.getAttribute('d') ?? ''),
            );
          return paths.some(d => /^M[^MLC]+[LC]/.test(d));
        },
        {
          message:
            'the request-success-rate chart to draw a line through two samples or more',
          timeout: 60_000,
          intervals: [500],
        },
      )
      .toBe(true);
    await expect(
      chart.locator('.recharts-reference-line').first(),
    ).toBeAttached();
    await expect(
      page
        .getByTestId('analysis-chart-request-duration')
        .locator('svg')
        .first(),
    ).toBeVisible();
    await page.screenshot({
      path: screenshotPath('rollouts-tab-charts'),
      fullPage: true,
    });
  });

  test('a faulty release fails, and the card says which metric failed it', async ({
    page,
  }) => {
    const lab = PortalLab.open();
    // 6.0.1 again would start no rollout: after an earlier faulty release, first ship a good one.
    if (
      (await lab.image(
        PODINFO.namespace,
        PODINFO.deployment,
        PODINFO.container,
      )) === FAULTY_IMAGE
    ) {
      await lab.release(PODINFO, uniqueGoodImage());
      await lab.waitForPhase(PODINFO.namespace, PODINFO.canary, ['Succeeded']);
    }
    await signInAsGuest(page, PODINFO_PAGE);
    const row = page.getByTestId(PODINFO_ROW);
    await expect(row).toBeVisible();

    await lab.release(PODINFO, FAULTY_IMAGE);
    await expect(row.getByText('Progressing', { exact: true })).toBeVisible();

    await expect(row.getByText('Failed', { exact: true })).toBeVisible({
      timeout: 120_000,
    });
    // 10% errors fail request-success-rate (min 99), 800 ms answers request-duration (max 500).
    await expect(row).toContainText(/request-(success-rate|duration)/);
    await expect(row.getByRole('button', { name: 'Retry' })).toBeEnabled();
    const { status } = await lab.canary(PODINFO.namespace, PODINFO.canary);
    expect(status?.phase).toBe('Failed');
    expect(status?.canaryWeight).toBe(0);
    await page.screenshot({
      path: screenshotPath('rollout-failed'),
      fullPage: true,
    });

    // The Rollouts tab marks the failed checks on the failing metric's chart.
    await page
      .getByRole('navigation', { name: 'Content navigation' })
      .getByRole('link', { name: 'Rollouts' })
      .click();
    const charts = page.locator('[data-testid^="analysis-chart-request-"]');
    await expect(charts.locator('.failed-check').first()).toBeAttached({
      timeout: 30_000,
    });
    await page.screenshot({
      path: screenshotPath('rollout-failed-charts'),
      fullPage: true,
    });

    // The guest is in team-podinfo, which owns podinfo: Backstage's notifications tell them.
    await page.goto('/notifications');
    const notification = page
      .getByText(
        `Canary analysis of podinfo.${PODINFO.namespace} failed, rolled back to the primary.`,
      )
      .first();
    await expect(notification).toBeVisible({ timeout: 30_000 });
    await expect(
      page.getByText(/request-(success-rate|duration) .*failed checks/).first(),
    ).toBeVisible();
    await page.screenshot({
      path: screenshotPath('rollout-failed-notification'),
      fullPage: true,
    });
  });
});
