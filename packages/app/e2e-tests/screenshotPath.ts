/**
 * Where every browser test saves its screenshot: test-results/screenshots/<name>.png at the
 * repository root (the README and scripts/test.sh point there).
 */
export const SCREENSHOT_DIR = 'test-results/screenshots';

export function screenshotPath(name: string): string {
  return `${SCREENSHOT_DIR}/${name}.png`;
}
