import { expect } from '@playwright/test';
import { test } from './test';
import { screenshotPath } from './screenshotPath';
import { signInAsGuest } from './signInAsGuest';

// podinfo's load enters the portal's lab at the Istio ingress gateway for app.example.com, as in
// the Flagger walkthrough (scripts/start.sh: `--load istio-system/istio-ingressgateway@app.example.com`),
// so its mesh health card names the gateway as podinfo-primary's caller, the entry point.
const PODINFO_PAGE = '/catalog/default/component/podinfo';

test('the mesh health card shows istio-ingressgateway as the caller of podinfo, marked as the entry point, with its rate', async ({
  page,
}) => {
  await signInAsGuest(page, PODINFO_PAGE);
  const health = page
    .locator('.MuiCard-root')
    .filter({ has: page.getByText('Mesh health', { exact: true }) })
    .first();
  const primary = health.getByTestId(
    'workload-health-lab-test-podinfo-primary',
  );
  const callers = primary.getByRole('table', {
    name: 'Callers of podinfo-primary',
  });
  // The first answer may come before Prometheus has two scrapes of the load in its window.
  await expect(callers).toBeVisible({ timeout: 60_000 });
  const gateway = callers.getByTestId(
    'caller-istio-system-istio-ingressgateway',
  );
  await expect(gateway).toBeVisible();
  await expect(gateway.getByText('entry point', { exact: true })).toBeVisible();
  const cells = await gateway.getByRole('cell').allInnerTexts();
  expect(cells[0]).toMatch(/^istio-ingressgateway\s*entry point$/);
  expect(cells[1]).toBe('istio-system');
  // A measured rate and success rate, not a placeholder: the lab sends 20 rps through it.
  const rate = /^(\d+\.\d\d) rps$/.exec(cells[2]);
  expect(rate, `the gateway's rate cell (${cells[2]})`).not.toBeNull();
  expect(Number(rate![1])).toBeGreaterThan(0);
  expect(cells[3]).toMatch(/^\d+\.\d\d%$/);
  await primary.scrollIntoViewIfNeeded();
  await page.screenshot({
    path: screenshotPath('mesh-health-callers'),
    fullPage: true,
  });
});
