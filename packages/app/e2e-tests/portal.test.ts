import { expect, test } from '@playwright/test';

const SCREENSHOTS = 'test-results/screenshots';

test.describe('the portal served by scripts/start.sh', () => {
  test('a guest signs in, finds podinfo in the catalog and sees its rollouts card and tab', async ({
    page,
  }) => {
    await page.goto('/');
    await page.getByRole('button', { name: 'Enter' }).click();

    // The guest is a member of team-podinfo, so the catalog's default "Owned" view lists podinfo.
    const podinfoLink = page.getByRole('link', {
      name: 'podinfo',
      exact: true,
    });
    await expect(podinfoLink).toBeVisible();
    await page.screenshot({
      path: `${SCREENSHOTS}/catalog.png`,
      fullPage: true,
    });

    await podinfoLink.click();
    await expect(page.getByText('Rollouts').first()).toBeVisible();
    // The card shows podinfo's Canary as the engine reports it from the lab (examples/lab).
    const rollout = page.getByRole('group', { name: 'Rollout test/podinfo' });
    await expect(rollout).toContainText('lab · istio · canary');
    await expect(rollout).toContainText('Initialized');
    await expect(rollout).toContainText('ghcr.io/stefanprodan/podinfo:6.0.0');
    await page.screenshot({
      path: `${SCREENSHOTS}/podinfo-overview.png`,
      fullPage: true,
    });

    await page
      .getByRole('navigation', { name: 'Content navigation' })
      .getByRole('link', { name: 'Rollouts' })
      .click();
    await expect(page.getByText('Rollouts of podinfo')).toBeVisible();
    await page.screenshot({
      path: `${SCREENSHOTS}/podinfo-rollouts-tab.png`,
      fullPage: true,
    });
  });

  test('the catalog lists every service of the sample catalog', async ({
    page,
  }) => {
    await page.goto('/');
    await page.getByRole('button', { name: 'Enter' }).click();
    // The owner filter may render before it reacts to clicks: click until the list switches.
    await expect(async () => {
      await page.getByRole('menuitem', { name: /^All/ }).click();
      await expect(
        page.getByRole('heading', { name: 'All Components (3)' }).first(),
      ).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
    for (const name of ['podinfo', 'checkout', 'payments']) {
      await expect(page.getByRole('link', { name, exact: true })).toBeVisible();
    }
    await page.screenshot({
      path: `${SCREENSHOTS}/catalog-all.png`,
      fullPage: true,
    });
  });

  test('the canary backend answers health only to signed-in requests', async ({
    request,
  }) => {
    const anonymous = await request.get(
      'http://127.0.0.1:7007/api/canary/health',
    );
    expect(anonymous.status()).toBe(401);

    const session = await request.post(
      'http://127.0.0.1:7007/api/auth/guest/refresh?env=development',
      { headers: { 'X-Requested-With': 'XMLHttpRequest' } },
    );
    expect(session.ok()).toBe(true);
    const { backstageIdentity } = await session.json();
    expect(backstageIdentity.identity.ownershipEntityRefs).toContain(
      'group:default/team-podinfo',
    );

    const signedIn = await request.get(
      'http://127.0.0.1:7007/api/canary/health',
      {
        headers: { Authorization: `Bearer ${backstageIdentity.token}` },
      },
    );
    expect(signedIn.status()).toBe(200);
    expect(await signedIn.json()).toMatchObject({ status: 'ok' });
  });
});
