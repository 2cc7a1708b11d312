import { defineConfig } from '@playwright/test';
import rootConfig from '../../playwright.config';

/**
 * The install test's browser part: Debian's Chromium against the app that install-test.sh created
 * with @backstage/create-app and started (VANE_INSTALL_TEST_URL); no web server of its own.
 */
export default defineConfig({
  ...rootConfig,
  testDir: '.',
  testMatch: 'entityCard.test.ts',
  globalSetup: undefined,
  webServer: undefined,
  use: {
    ...rootConfig.use,
    baseURL: process.env.VANE_INSTALL_TEST_URL,
  },
});
