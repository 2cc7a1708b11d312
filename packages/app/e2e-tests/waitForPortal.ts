/**
 * Playwright global setup: the webServer entry waits for the backend; this waits for the app's
 * dev server too, so the first test does not race its compilation.
 */
export default async function waitForPortal() {
  const url = 'http://127.0.0.1:3000/';
  const deadline = Date.now() + 300_000;
  let lastError = 'no answer yet';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) {
        return;
      }
      lastError = `HTTP ${response.status}`;
    } catch (error) {
      lastError = (error as Error).message;
    }
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
  throw new Error(
    `The app was expected to answer on ${url} within 300 s of the backend being ready (last: ${lastError})`,
  );
}
