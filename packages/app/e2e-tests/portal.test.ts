import { expect } from '@playwright/test';
import { test } from './test';
import { BACKEND_URL, guestToken } from './guestToken';
import { PODINFO, PortalLab, SETTLED_PHASES } from './PortalLab';
import { ROLLOUT_TEST_TIMEOUT } from './ROLLOUT_TEST_TIMEOUT';
import { screenshotPath } from './screenshotPath';
import { signInAsGuest } from './signInAsGuest';

test.describe('the portal served by scripts/start.sh', () => {
  test.describe.configure({ timeout: ROLLOUT_TEST_TIMEOUT });

  test('a guest signs in, finds podinfo in the catalog and sees its rollouts card and tab', async ({
    page,
  }) => {
    const lab = PortalLab.open();
    // Other test files release podinfo too; this one reads it between releases.
    await lab.waitForPhase(PODINFO.namespace, PODINFO.canary, SETTLED_PHASES);
    const phase = (await lab.phase(PODINFO.namespace, PODINFO.canary))!;
    const primaryImage = await lab.image(
      PODINFO.namespace,
      'podinfo-primary',
      PODINFO.container,
    );

    await signInAsGuest(page, '/');

    // The guest is a member of team-podinfo, so the catalog's default "Owned" view lists podinfo.
    const podinfoLink = page.getByRole('link', {
      name: 'podinfo',
      exact: true,
    });
    await expect(podinfoLink).toBeVisible();
    await page.screenshot({ path: screenshotPath('catalog'), fullPage: true });

    await podinfoLink.click();
    // The card shows podinfo's Canary as the engine reports it from the lab (examples/lab).
    const row = page.getByTestId('rollout-row-lab-test-podinfo');
    await expect(row).toContainText('lab · istio · canary');
    await expect(row.getByText(phase, { exact: true })).toBeVisible();
    await expect(row).toContainText(primaryImage);
    // podinfo is under load in the lab, so its health is measured, not unknown.
    const health = page
      .locator('.MuiCard-root')
      .filter({ has: page.getByText('Mesh health', { exact: true }) })
      .first();
    await expect(health).toBeVisible();
    await expect(
      health.getByText(/^(healthy|degraded|failing|no traffic)$/),
    ).toBeVisible();
    await page.screenshot({
      path: screenshotPath('podinfo-overview'),
      fullPage: true,
    });

    await page
      .getByRole('navigation', { name: 'Content navigation' })
      .getByRole('link', { name: 'Rollouts' })
      .click();
    await expect(page).toHaveURL(
      /\/catalog\/default\/component\/podinfo\/rollouts$/,
    );
    await expect(
      page.getByTestId('rollout-row-lab-test-podinfo'),
    ).toBeVisible();
    await expect(page.getByTestId('step-timeline')).toBeVisible();
    for (const title of ['Events', 'History']) {
      await expect(
        page.getByRole('heading', { name: title, exact: true }).first(),
      ).toBeVisible();
    }
    await page.screenshot({
      path: screenshotPath('podinfo-rollouts-tab'),
      fullPage: true,
    });
  });

  test('the catalog lists every Component of the sample catalog', async ({
    page,
    request,
  }) => {
    // The sample catalog as the backend loaded it (examples/entities.yaml).
    const token = await guestToken(request);
    const response = await request.get(
      `${BACKEND_URL}/api/catalog/entities?filter=kind=component&fields=metadata.name`,
      { headers: { Authorization: `Bearer ${token}` } },
    );
    expect(response.ok()).toBe(true);
    const names: string[] = (await response.json()).map(
      (entity: { metadata: { name: string } }) => entity.metadata.name,
    );
    expect(names).toEqual(
      expect.arrayContaining(['podinfo', 'frontend', 'checkout', 'payments']),
    );

    await signInAsGuest(page, '/');
    // The owner filter may render before it reacts to clicks: click until the list switches.
    await expect(async () => {
      await page.getByRole('menuitem', { name: /^All/ }).click();
      await expect(
        page
          .getByRole('heading', { name: `All Components (${names.length})` })
          .first(),
      ).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
    for (const name of names) {
      await expect(page.getByRole('link', { name, exact: true })).toBeVisible();
    }
    await page.screenshot({
      path: screenshotPath('catalog-all'),
      fullPage: true,
    });
  });

  test('the canary backend answers health only to signed-in requests', async ({
    request,
  }) => {
    const anonymous = await request.get(`${BACKEND_URL}/api/canary/health`);
    expect(anonymous.status()).toBe(401);

    const session = await request.post(
      `${BACKEND_URL}/api/auth/guest/refresh?env=development`,
      { headers: { 'X-Requested-With': 'XMLHttpRequest' } },
    );
    expect(session.ok()).toBe(true);
    const { backstageIdentity } = await session.json();
    expect(backstageIdentity.identity.ownershipEntityRefs).toContain(
      'group:default/team-podinfo',
    );

    const signedIn = await request.get(`${BACKEND_URL}/api/canary/health`, {
      headers: { Authorization: `Bearer ${backstageIdentity.token}` },
    });
    expect(signedIn.status()).toBe(200);
    expect(await signedIn.json()).toMatchObject({ status: 'ok' });
  });
});
