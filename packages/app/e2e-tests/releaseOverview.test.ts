import { expect } from '@playwright/test';
import { test } from './test';
import { chooseOption } from './chooseOption';
import { BACKEND_URL, guestToken } from './guestToken';
import {
  FRONTEND,
  PODINFO,
  PortalLab,
  SETTLED_PHASES,
  uniqueGoodImage,
} from './PortalLab';
import { ROLLOUT_TEST_TIMEOUT } from './ROLLOUT_TEST_TIMEOUT';
import { screenshotPath } from './screenshotPath';
import { signInAsGuest } from './signInAsGuest';

// The release overview at /canary: the guest's teams' rollouts by default (team-podinfo owns
// podinfo and frontend; checkout is team-checkout's), counted by phase and filtered.
const PODINFO_ACTION = `${BACKEND_URL}/api/canary/entities/component/default/podinfo/rollouts/lab/test/podinfo`;

test.describe.configure({ timeout: ROLLOUT_TEST_TIMEOUT });

test('the overview lists the guest team’s rollouts, counts them by phase and filters by phase', async ({
  page,
  request,
}) => {
  const lab = PortalLab.open();
  // Two phases to tell apart: podinfo held Progressing (paused by its owner), frontend settled.
  await lab.waitForPhase(
    FRONTEND.namespace,
    FRONTEND.canary,
    SETTLED_PHASES,
    180_000,
  );
  const frontendPhase = (await lab.phase(FRONTEND.namespace, FRONTEND.canary))!;
  await lab.release(PODINFO, uniqueGoodImage());
  const token = await guestToken(request);
  const paused = await request.post(`${PODINFO_ACTION}/pause`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(paused.status(), await paused.text()).toBe(202);
  try {
    await lab.waitForPhase(PODINFO.namespace, PODINFO.canary, ['Progressing']);

    await signInAsGuest(page, '/canary');
    await expect(
      page.getByRole('heading', { name: 'Releases' }).first(),
    ).toBeVisible();
    await expect(page.getByTestId('phase-count-Progressing')).toContainText(
      '1',
    );
    await expect(
      page.getByTestId(`phase-count-${frontendPhase}`),
    ).toBeVisible();

    const table = page.getByTestId('release-overview-table');
    await expect(table).toContainText('test/podinfo');
    await expect(table).toContainText('webapp/frontend');
    await expect(table).not.toContainText('shop/checkout');
    await page.screenshot({
      path: screenshotPath('overview-team'),
      fullPage: true,
    });

    await chooseOption(page, 'Phase', 'Progressing');
    await expect(table).not.toContainText('webapp/frontend');
    await expect(table).toContainText('test/podinfo');
    await page.screenshot({
      path: screenshotPath('overview-phase-progressing'),
      fullPage: true,
    });

    await chooseOption(page, 'Phase', frontendPhase);
    await expect(table).toContainText('webapp/frontend');
    await expect(table).not.toContainText('test/podinfo');

    // Another team's rollouts: the owner picker set to team-checkout (phase filter back to any).
    await chooseOption(page, 'Phase', 'All phases');
    const owner = page.getByRole('textbox', { name: 'Owner' });
    await owner.click();
    await page.keyboard.press('Backspace');
    await owner.fill('team-checkout');
    await page
      .getByRole('option', { name: 'team-checkout', exact: true })
      .click();
    await page.keyboard.press('Escape');
    await expect(table).toContainText('shop/checkout');
    await expect(table).not.toContainText('test/podinfo');
    await page.screenshot({
      path: screenshotPath('overview-team-checkout'),
      fullPage: true,
    });

    // A row leads to the entity's Rollouts tab.
    await table.getByRole('link', { name: 'shop/checkout' }).click();
    await expect(page).toHaveURL(
      /\/catalog\/default\/component\/checkout\/rollouts$/,
    );
    await expect(
      page.getByTestId('rollout-row-lab-shop-checkout'),
    ).toBeVisible();
  } finally {
    const resumed = await request.post(`${PODINFO_ACTION}/resume`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(resumed.status(), await resumed.text()).toBe(202);
  }
});
