import { defineConfig } from '@playwright/test';

/**
 * Browser tests: Debian's Chromium, driven against the portal exactly as the README's start
 * command serves it (Playwright starts `scripts/start.sh` and stops its process group at the end).
 * Each test saves its screenshots in test-results/screenshots/ (e2e-tests/screenshotPath.ts).
 */
export default defineConfig({
  testDir: 'packages/app/e2e-tests',
  testMatch: '**/*.test.ts',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  workers: 1,
  retries: 0,
  forbidOnly: true,
  reporter: [['list']],
  outputDir: 'test-results/playwright',
  globalSetup: './packages/app/e2e-tests/waitForPortal.ts',
  webServer: {
    command: 'bash scripts/start.sh',
    // The tests release images themselves (no release driver) and want the demo's rollouts fast.
    env: { VANE_RELEASE_DRIVER: '0', VANE_DEMO_INTERVAL: '5s' },
    // The backend's readiness endpoint answers once every plugin has initialised.
    url: 'http://127.0.0.1:7007/.backstage/health/v1/readiness',
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
  },
  use: {
    baseURL: 'http://localhost:3000',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.VANE_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
});
