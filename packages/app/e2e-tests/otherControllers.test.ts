import { expect } from '@playwright/test';
import { test } from './test';
import { PortalLab, RATINGS } from './PortalLab';
import { screenshotPath } from './screenshotPath';
import { signInAsGuest } from './signInAsGuest';

// Rollouts Vane does not drive, in the portal: the demo's Argo Rollout (ratings) and Flagger
// Canary (search), both team-podinfo's like the guest (examples/lab/other-controllers.yaml). No
// Argo or Flagger controller runs in the lab: the test writes the Rollout's status as Argo's
// controller would, and judges the portal's action by the object the API server holds after it.

test('an Argo Rollout paused at a step is promoted from its card: its step index moves on in the API server', async ({
  page,
}) => {
  const lab = PortalLab.open();
  // Paused at its analysis step (index 2 of 5) by an inconclusive AnalysisRun, as Argo pauses.
  await lab.writeArgoRolloutStatus(RATINGS.namespace, RATINGS.rollout, {
    phase: 'Paused',
    message: 'InconclusiveAnalysisRun',
    controllerPause: true,
    pauseConditions: [
      {
        reason: 'InconclusiveAnalysisRun',
        startTime: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      },
    ],
    currentStepIndex: 2,
    canary: {
      currentStepAnalysisRunStatus: {
        name: 'ratings-5f6c7d8b9-2-2',
        status: 'Inconclusive',
      },
    },
  });

  await signInAsGuest(page, '/catalog/default/component/ratings');
  const row = page.getByTestId('rollout-row-lab-test-ratings-argo-rollouts');
  await expect(row.getByTestId('rollout-controller')).toHaveText(
    'Argo Rollouts',
  );
  await expect(row.getByText('Paused', { exact: true })).toBeVisible();
  await expect(row).toContainText(
    'set weight 20% / actual weight 20% · step 3 of 5',
  );
  await expect(row).toContainText('InconclusiveAnalysisRun');
  await expect(row.getByTestId('argo-analysis-run')).toContainText(
    'Analysis ratings-5f6c7d8b9-2-2: Inconclusive',
  );
  await expect(row).toContainText(
    'Images (stable → canary): ghcr.io/stefanprodan/podinfo:6.0.0 → ghcr.io/stefanprodan/podinfo:6.1.0',
  );
  await page.screenshot({
    path: screenshotPath('argo-rollout-paused'),
    fullPage: true,
  });

  await row.getByRole('button', { name: 'Promote', exact: true }).click();
  // kubectl argo rollouts promote past an inconclusive analysis: the next step, the controller's
  // pause lifted, written through the status subresource.
  await expect
    .poll(
      async () => {
        const { status } = await lab.argoRollout(
          RATINGS.namespace,
          RATINGS.rollout,
        );
        return `${status.currentStepIndex} ${status.controllerPause} ${
          status.pauseConditions?.length ?? 0
        }`;
      },
      {
        message: 'the Rollout to move on to step index 3, unpaused',
        timeout: 30_000,
      },
    )
    .toBe('3 false 0');
  await expect(row).toContainText('step 4 of 5');
  await page.screenshot({
    path: screenshotPath('argo-rollout-promoted'),
    fullPage: true,
  });
});

test('the overview lists the team’s Vane, Argo Rollouts and Flagger rollouts, each with its controller', async ({
  page,
}) => {
  await signInAsGuest(page, '/canary');
  const table = page.getByTestId('release-overview-table');
  const controllerOf = (testId: string) =>
    table.getByTestId(testId).getByTestId('release-controller');
  await expect(controllerOf('release-row-lab-test-podinfo')).toHaveText('Vane');
  await expect(controllerOf('release-row-lab-webapp-frontend')).toHaveText(
    'Vane',
  );
  await expect(
    controllerOf('release-row-lab-test-ratings-argo-rollouts'),
  ).toHaveText('Argo Rollouts');
  await expect(
    controllerOf('release-row-lab-webapp-search-flagger'),
  ).toHaveText('Flagger');
  await expect(
    table.getByTestId('release-row-lab-webapp-search-flagger'),
  ).toContainText('WaitingPromotion');
  // Another team's rollouts are not the guest's.
  await expect(table).not.toContainText('shop/checkout');
  await page.screenshot({
    path: screenshotPath('overview-controllers'),
    fullPage: true,
  });
});

test("a Flagger Canary's card offers Pause only, and says where its promotion happens", async ({
  page,
}) => {
  await signInAsGuest(page, '/catalog/default/component/search');
  const row = page.getByTestId('rollout-row-lab-webapp-search-flagger');
  await expect(row.getByTestId('rollout-controller')).toHaveText('Flagger');
  await expect(
    row.getByText('WaitingPromotion', { exact: true }),
  ).toBeVisible();
  await expect(row).toContainText('Waiting for approval.');
  await expect(row.getByRole('button')).toHaveText(['Pause']);
  await row.getByTestId('flagger-gates-note').hover();
  await expect(
    page.getByText(/Flagger has no API to promote, abort or retry a Canary/),
  ).toBeVisible();
  await page.screenshot({
    path: screenshotPath('flagger-canary-card'),
    fullPage: true,
  });
});

test("an entity's overview leads with its rollouts and mesh health cards", async ({
  page,
}) => {
  await signInAsGuest(page, '/catalog/default/component/podinfo');
  await expect(page.getByTestId('rollout-row-lab-test-podinfo')).toBeVisible();
  // The cards of the main column (left of the About card's column), top to bottom.
  const titles = async () =>
    page.evaluate(() => {
      const cards = Array.from(document.querySelectorAll('.MuiCard-root')).map(
        card => ({
          title:
            card.querySelector('.MuiCardHeader-title')?.textContent?.trim() ??
            '',
          rect: card.getBoundingClientRect(),
        }),
      );
      const rollouts = cards.find(card => card.title === 'Rollouts');
      if (!rollouts) return [];
      return cards
        .filter(card => Math.abs(card.rect.left - rollouts.rect.left) < 2)
        .sort((a, b) => a.rect.top - b.rect.top)
        .map(card => card.title);
    });
  await expect
    .poll(async () => (await titles()).slice(0, 2), {
      message:
        'the Rollouts and Mesh health cards to come first in the overview',
    })
    .toEqual(['Rollouts', 'Mesh health']);
  await page.screenshot({
    path: screenshotPath('overview-cards-order'),
    fullPage: true,
  });
});
