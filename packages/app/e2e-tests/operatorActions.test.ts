import { expect } from '@playwright/test';
import { test } from './test';
import { BACKEND_URL, guestToken } from './guestToken';
import {
  CHECKOUT,
  FRONTEND,
  PODINFO,
  PortalLab,
  uniqueGoodImage,
} from './PortalLab';
import { ROLLOUT_TEST_TIMEOUT } from './ROLLOUT_TEST_TIMEOUT';
import { screenshotPath } from './screenshotPath';
import { signInAsGuest } from './signInAsGuest';

// Operator actions from the portal's buttons. The guest is a member of team-podinfo: an owner of
// podinfo and frontend, not of checkout (team-checkout).
const PAUSED_BY = 'delivery.vane.dev/paused-by';

test.describe('operator actions', () => {
  test.describe.configure({ timeout: ROLLOUT_TEST_TIMEOUT });

  test('an owner pauses, resumes and promotes a podinfo rollout from the buttons', async ({
    page,
  }) => {
    const lab = PortalLab.open();
    await signInAsGuest(page, '/catalog/default/component/podinfo');
    const row = page.getByTestId('rollout-row-lab-test-podinfo');
    await expect(row).toBeVisible();
    await lab.release(PODINFO, uniqueGoodImage());
    await expect(row.getByText('Progressing', { exact: true })).toBeVisible();

    await row.getByRole('button', { name: 'Pause' }).click();
    await expect(row).toContainText('Paused by user:default/guest');
    await expect(row.getByRole('button', { name: 'Resume' })).toBeEnabled();
    await expect(row.getByRole('button', { name: 'Pause' })).toHaveCount(0);
    expect(
      (await lab.canary(PODINFO.namespace, PODINFO.canary)).metadata
        .annotations?.[PAUSED_BY],
    ).toBe('user:default/guest');
    await page.screenshot({
      path: screenshotPath('action-paused'),
      fullPage: true,
    });

    await row.getByRole('button', { name: 'Resume' }).click();
    await expect(row).not.toContainText('Paused by');
    await expect(row.getByRole('button', { name: 'Pause' })).toBeEnabled();

    // Promote skips the remaining steps: Promoting (or already Succeeded) at the next tick.
    await row.getByRole('button', { name: 'Promote' }).click();
    await expect(
      row.getByText(/^(Promoting|Finalising|Succeeded)$/),
    ).toBeVisible({
      timeout: 30_000,
    });
    await expect(row.getByText('Succeeded', { exact: true })).toBeVisible({
      timeout: 60_000,
    });
    await page.screenshot({
      path: screenshotPath('action-promoted'),
      fullPage: true,
    });
  });

  test('an owner aborts a podinfo rollout: it rolls back and names who aborted it', async ({
    page,
  }) => {
    const lab = PortalLab.open();
    await signInAsGuest(page, '/catalog/default/component/podinfo');
    const row = page.getByTestId('rollout-row-lab-test-podinfo');
    await expect(row).toBeVisible();
    await lab.release(PODINFO, uniqueGoodImage());
    await expect(row.getByText('Progressing', { exact: true })).toBeVisible();

    await row.getByRole('button', { name: 'Abort' }).click();
    await expect(row.getByText('Failed', { exact: true })).toBeVisible({
      timeout: 30_000,
    });
    await expect(row).toContainText(/abort/i);
    await expect(row).toContainText('guest');
    await expect(
      row.getByRole('progressbar', { name: 'canary weight' }),
    ).toHaveAttribute('aria-valuenow', '0');
    await page.screenshot({
      path: screenshotPath('action-aborted'),
      fullPage: true,
    });
  });

  test("an owner approves frontend's manual gate, and the release is promoted", async ({
    page,
  }) => {
    const lab = PortalLab.open();
    await signInAsGuest(page, '/catalog/default/component/frontend');
    const row = page.getByTestId('rollout-row-lab-webapp-frontend');
    await expect(row).toBeVisible();
    await lab.release(FRONTEND, uniqueGoodImage());

    // The analysis passes, then the confirm-promotion gate (url vane://approval) holds it.
    const approve = row.getByRole('button', { name: 'Approve' });
    await expect(approve).toBeEnabled({ timeout: 120_000 });
    await expect(
      row.getByText('WaitingPromotion', { exact: true }),
    ).toBeVisible();
    await page.screenshot({
      path: screenshotPath('action-waiting-for-approval'),
      fullPage: true,
    });

    await approve.click();
    await expect(row.getByText('Succeeded', { exact: true })).toBeVisible({
      timeout: 60_000,
    });
    await expect(approve).toHaveCount(0);
    await page.screenshot({
      path: screenshotPath('action-approved'),
      fullPage: true,
    });
  });

  test("the guest may not act on checkout's rollout: disabled buttons saying why, and 403 from the API with nothing changed", async ({
    page,
    request,
  }) => {
    const lab = PortalLab.open();
    await lab.release(CHECKOUT, `ghcr.io/vane-demo/checkout:1.5.${Date.now()}`);
    // Its owner (grace, team-checkout) pauses it in the cluster, so it holds Progressing with
    // every action but Approve on offer.
    await lab.annotateCanary(CHECKOUT.namespace, CHECKOUT.canary, {
      [PAUSED_BY]: 'user:default/grace',
    });
    try {
      await signInAsGuest(page, '/catalog/default/component/checkout');
      const row = page.getByTestId('rollout-row-lab-shop-checkout');
      await expect(row).toContainText('Paused by user:default/grace');
      for (const name of ['Resume', 'Promote', 'Abort']) {
        await expect(row.getByRole('button', { name })).toBeDisabled();
      }
      // The tooltip sits on the span around the disabled button (a disabled button gets no hover).
      // Hover again until it shows: the page may still shift (cards loading below) and move the
      // span from under a pointer that hovered it once.
      const abortSpan = row
        .getByRole('button', { name: 'Abort' })
        .locator('xpath=..');
      await expect(async () => {
        await page.mouse.move(0, 0);
        await abortSpan.hover();
        await expect(page.getByRole('tooltip')).toContainText(/only owners/i, {
          timeout: 2_000,
        });
      }, 'the owners-only tooltip to show on hovering the disabled Abort').toPass(
        { timeout: 30_000 },
      );
      await page.screenshot({
        path: screenshotPath('non-owner-disabled'),
        fullPage: true,
      });

      const before = await lab.canary(CHECKOUT.namespace, CHECKOUT.canary);
      const token = await guestToken(request);
      for (const action of ['abort', 'promote', 'resume', 'pause']) {
        const response = await request.post(
          `${BACKEND_URL}/api/canary/entities/component/default/checkout/rollouts/lab/shop/checkout/${action}`,
          { headers: { Authorization: `Bearer ${token}` } },
        );
        expect(response.status(), `POST ${action} as the guest`).toBe(403);
        expect(await response.text()).toMatch(/owners/i);
      }
      const after = await lab.canary(CHECKOUT.namespace, CHECKOUT.canary);
      expect(after.metadata.annotations).toEqual(before.metadata.annotations);
      expect(after.status?.phase).toBe(before.status?.phase);
    } finally {
      await lab.annotateCanary(CHECKOUT.namespace, CHECKOUT.canary, {
        [PAUSED_BY]: null,
      });
    }
  });
});
