import { chromium } from '@playwright/test';
import path from 'node:path';

/** What the browser saw of the release overview page. */
export type OverviewRender =
  | {
      rendered: true;
      /** Navigation start to the first table row with data, first visit after sign-in. */
      firstVisitMs: number;
      /** The same after reloads (warm browser cache), one per reload. */
      reloadsMs: number[];
      /** Rows in the table once rendered. */
      rows: number;
      screenshot: string;
    }
  | { rendered: false; reason: string; screenshot: string };

const TABLE_ROW = '[data-testid="release-overview-table"] tbody tr';

/**
 * In the page: the time since navigation start (performance.now()) once the overview table shows
 * a row with data (more than one cell, so not the table's one-cell "no records" row), else false.
 */
function firstDataRowTime(selector: string): number | false {
  const row = Array.from(document.querySelectorAll(selector)).find(
    tr =>
      tr.querySelectorAll('td').length > 1 && tr.getClientRects().length > 0,
  );
  return row ? performance.now() : false;
}

/**
 * Opens the app in Debian's Chromium (headless), signs in as the guest, then opens `/canary` and
 * times navigation start to the first rendered row of the release overview table, once and
 * after each of `reloads` reloads.
 */
export async function measureOverviewRender(options: {
  baseUrl: string;
  reloads: number;
  screenshotDir: string;
  timeoutMs?: number;
}): Promise<OverviewRender> {
  const timeout = options.timeoutMs ?? 60_000;
  const screenshot = path.join(options.screenshotDir, 'portal-overview.png');
  const browser = await chromium.launch({
    executablePath: process.env.VANE_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({
      viewport: { width: 1440, height: 900 },
    });
    await page.goto(`${options.baseUrl}/`);
    const enter = page.getByRole('button', { name: 'Enter' });
    await enter.click({ timeout });
    await enter.waitFor({ state: 'detached', timeout });

    const timeToRow = async () => {
      const handle = await page.waitForFunction(firstDataRowTime, TABLE_ROW, {
        polling: 'raf',
        timeout,
      });
      return (await handle.jsonValue()) as number;
    };
    let firstVisitMs: number;
    try {
      await page.goto(`${options.baseUrl}/canary`);
      firstVisitMs = await timeToRow();
    } catch (error) {
      await page.screenshot({ path: screenshot, fullPage: true });
      const heading = await page
        .locator('h1, h2')
        .allInnerTexts()
        .catch(() => []);
      return {
        rendered: false,
        reason: `no row in ${TABLE_ROW} at ${page.url()} within ${timeout} ms (headings: ${
          heading.join(' | ') || 'none'
        }): ${(error as Error).message.split('\n')[0]}`,
        screenshot,
      };
    }
    const reloadsMs: number[] = [];
    for (let i = 0; i < options.reloads; i++) {
      await page.reload();
      reloadsMs.push(await timeToRow());
    }
    const rows = await page.locator(TABLE_ROW).count();
    await page.screenshot({ path: screenshot, fullPage: true });
    return { rendered: true, firstVisitMs, reloadsMs, rows, screenshot };
  } finally {
    await browser.close();
  }
}
