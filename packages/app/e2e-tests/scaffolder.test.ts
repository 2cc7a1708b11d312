import { expect } from '@playwright/test';
import { test } from './test';
import { PortalLab } from './PortalLab';
import { screenshotPath } from './screenshotPath';
import { signInAsGuest } from './signInAsGuest';

// reviews (examples/entities.yaml, team-podinfo's) runs in the lab without a Canary
// (examples/lab/demo.yaml): the guest switches canary releases on for it from the Scaffolder.
const REVIEWS = { namespace: 'test', canary: 'reviews' };

test.describe('self-service from the Scaffolder', () => {
  test('a guest enables progressive delivery for reviews and lands on its Rollouts tab with the new Canary', async ({
    page,
  }) => {
    // Applying waits for the engine to initialise the Canary (a few analysis intervals).
    test.setTimeout(360_000);
    const lab = PortalLab.open();
    await signInAsGuest(page, '/create');

    // The template's card (a Material UI Card) on /create.
    await page
      .locator('.MuiCard-root')
      .filter({ hasText: 'Enable progressive delivery' })
      .getByRole('button', { name: 'Choose' })
      .click();
    await expect(page).toHaveURL(
      /\/create\/templates\/default\/enable-progressive-delivery/,
    );

    // Service: the owned-entity picker (an autocomplete) offers what team-podinfo owns.
    const service = page.getByLabel(/^Service/).first();
    await expect(service).toBeVisible();
    await service.click();
    await service.fill('reviews');
    await page
      .getByRole('option', { name: /reviews/ })
      .first()
      .click();
    await page.screenshot({
      path: screenshotPath('scaffolder-service'),
      fullPage: true,
    });
    await page.getByRole('button', { name: 'Next' }).click();

    // Deployment: listed by the canary backend from the lab, with the cluster's mesh.
    const deployment = page.getByLabel(/^Deployment/).first();
    await expect(
      deployment.locator('option', { hasText: 'test/reviews in cluster lab' }),
    ).toHaveCount(1);
    await deployment.selectOption('lab/test/reviews');
    await page.screenshot({
      path: screenshotPath('scaffolder-deployment-picker'),
      fullPage: true,
    });
    await page.getByRole('button', { name: 'Next' }).click();

    // Release strategy: the defaults (canary, 20% steps to 80%), analysed every 5 s for the test.
    await expect(page.getByLabel(/^Step weight/)).toHaveValue('20');
    await page.getByLabel(/^Analysis interval/).fill('5s');
    await page.getByRole('button', { name: 'Next' }).click();

    // Checks: the defaults (99% success, 500 ms).
    await expect(page.getByLabel(/^Minimum success rate/)).toHaveValue('99');
    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByRole('button', { name: 'Create' }).click();

    // The task applies the Canary and waits until the engine reports it Initialized.
    const rolloutsLink = page.getByRole('link', { name: 'Rollouts' }).first();
    await expect(rolloutsLink).toBeVisible({ timeout: 240_000 });
    await expect
      .poll(
        async () => (await lab.canary(REVIEWS.namespace, REVIEWS.canary)).spec,
        {
          message: 'the Canary test/reviews in the lab',
        },
      )
      .toMatchObject({
        targetRef: { kind: 'Deployment', name: 'reviews' },
        service: { port: 9898 },
        analysis: { interval: '5s', stepWeight: 20, maxWeight: 80 },
      });
    await page.screenshot({
      path: screenshotPath('scaffolder-task-done'),
      fullPage: true,
    });

    await rolloutsLink.click();
    await expect(page).toHaveURL(
      /\/catalog\/default\/component\/reviews\/rollouts$/,
    );
    const row = page.getByTestId('rollout-row-lab-test-reviews');
    await expect(row).toBeVisible();
    await expect(row.getByText('Initialized', { exact: true })).toBeVisible();
    await page.screenshot({
      path: screenshotPath(test.info().title),
      fullPage: true,
    });
  });
});
