import { expect } from '@playwright/test';
import { test } from './test';
import { PortalLab, uniqueGoodImage, WEATHER } from './PortalLab';
import { ROLLOUT_TEST_TIMEOUT } from './ROLLOUT_TEST_TIMEOUT';
import { screenshotPath } from './screenshotPath';
import { signInAsGuest } from './signInAsGuest';

// A Vane Canary that releases by Argo Rollouts' steps (examples/lab/demo.yaml: weather, team-
// podinfo's): its Rollouts tab shows the steps, holds at `pause: {}` saying it waits for an owner,
// and the guest (an owner) resumes it with the Resume button; the rest of the steps run to the
// promotion.
const WEATHER_ROW = 'rollout-row-lab-weather-weather';

test.describe("Argo Rollouts' steps on the Rollouts tab", () => {
  test.describe.configure({ timeout: ROLLOUT_TEST_TIMEOUT });

  test('shows a steps Canary held at pause {} and lets its owner resume it with the button', async ({
    page,
  }) => {
    const lab = PortalLab.open();
    await signInAsGuest(page, '/catalog/default/component/weather/rollouts');
    const row = page.getByTestId(WEATHER_ROW);
    await expect(row).toBeVisible();

    await lab.release(WEATHER, uniqueGoodImage());
    try {
      // setWeight 50, then the pause without duration holds the rollout.
      const timeline = page.getByTestId('step-timeline');
      const held = timeline.getByTestId('step-1');
      await expect(held).toHaveAttribute('aria-current', 'step', {
        timeout: 90_000,
      });
      await expect(held).toContainText(
        'pause until resumed: waits for an owner',
      );
      await expect(timeline.getByTestId('step-0')).toContainText(
        'set weight 50%',
      );
      await expect(timeline.getByTestId('step-3')).toContainText('pause 10s');
      await expect(row).toContainText('step 2 of 4');
      await expect(row).toContainText(
        'Paused at step 2 of 4 (pause) until an owner resumes it or promotes the rollout',
      );
      const resume = row.getByRole('button', { name: 'Resume' });
      await expect(resume).toBeEnabled();
      await expect(row.getByRole('button', { name: 'Pause' })).toHaveCount(0);
      expect(
        (await lab.canary(WEATHER.namespace, WEATHER.canary)).status,
      ).toMatchObject({ phase: 'Progressing', canaryWeight: 50 });
      await page.screenshot({
        path: screenshotPath('steps-paused-until-resumed'),
        fullPage: true,
      });

      await resume.click();
      // Past the pause: setWeight 80 at the next tick, its 10 s pause, then the promotion.
      await expect(held).not.toHaveAttribute('aria-current', 'step', {
        timeout: 30_000,
      });
      await expect(row.getByText('Succeeded', { exact: true })).toBeVisible({
        timeout: 120_000,
      });
      const { status } = await lab.canary(WEATHER.namespace, WEATHER.canary);
      expect(status).toMatchObject({ phase: 'Succeeded' });
      await page.screenshot({
        path: screenshotPath('steps-resumed-succeeded'),
        fullPage: true,
      });
    } finally {
      // Leave no rollout held for the tests after this one (the release overview counts them).
      const { status } = await lab.canary(WEATHER.namespace, WEATHER.canary);
      if (status?.phase === 'Progressing') {
        await lab.annotateCanary(WEATHER.namespace, WEATHER.canary, {
          'delivery.vane.dev/request': JSON.stringify({
            action: 'abort',
            user: 'user:default/e2e-cleanup',
            at: new Date().toISOString(),
          }),
        });
      }
    }
  });
});
