import { expect, type APIRequestContext } from '@playwright/test';

export const BACKEND_URL = 'http://127.0.0.1:7007';

/** A Backstage token of the demo's guest, as the app's guest sign-in obtains it. */
export async function guestToken(request: APIRequestContext): Promise<string> {
  const session = await request.post(
    `${BACKEND_URL}/api/auth/guest/refresh?env=development`,
    { headers: { 'X-Requested-With': 'XMLHttpRequest' } },
  );
  expect(session.ok(), `guest sign-in answered ${session.status()}`).toBe(true);
  const { backstageIdentity } = await session.json();
  return backstageIdentity.token;
}
