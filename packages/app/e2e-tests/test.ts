import { test as base } from '@playwright/test';

/**
 * Playwright's `test`, with the `request` fixture (the tests' own calls to the backend) opening a
 * fresh connection per call. Playwright's request context keeps sockets alive, and the backend
 * (Node's default 5 s keep-alive timeout) may close an idle one just as the next call is written
 * on it: `read ECONNRESET`, seen in CI on a POST made after a page had been driven for a few
 * seconds. Browsers retry that case on their own; this client does not, so it does not reuse.
 */
export const test = base.extend({
  request: async ({ playwright }, provide) => {
    const request = await playwright.request.newContext({
      extraHTTPHeaders: { Connection: 'close' },
    });
    await provide(request);
    await request.dispose();
  },
});
