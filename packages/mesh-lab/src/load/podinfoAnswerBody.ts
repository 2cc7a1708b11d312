import { createHmac } from 'node:crypto';

// podinfo's default --jwt-secret (cmd/podinfo/main.go), so its tokens validate as podinfo's would.
const PODINFO_JWT_SECRET = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9';

/**
 * The body podinfo sends for an answer the lab's data plane chose, where the lab can know it:
 * `POST /token` (a JWT for the posted user, one minute valid), `GET /healthz` and `/readyz`, and
 * `/status/{code}` (when the pod answered it), pretty-printed as podinfo prints JSON. A failed answer (the pod's error rate,
 * the mesh's 503 or 404) carries no body. Anything else depends on the pod (its version, its
 * hostname): undefined, and a command that reads it is refused.
 */
export function podinfoAnswerBody(
  request: { method: string; path: string; body?: string },
  code: number,
  now: Date = new Date(),
): string | undefined {
  const path = request.path.split('?')[0];
  const status = /^\/status\/(\d+)$/.exec(path);
  if (status && Number(status[1]) === code && ['GET', 'POST', 'PUT'].includes(request.method)) {
    return podinfoJson({ status: Number(status[1]) });
  }
  if (code < 200 || code > 299) return '';
  if (path === '/token' && request.method === 'POST') {
    const expiresAt = new Date(now.getTime() + 60_000);
    return podinfoJson({
      token: podinfoToken(request.body ? request.body : 'anonymous', expiresAt),
      expires_at: expiresAt.toISOString(),
    });
  }
  if ((path === '/healthz' || path === '/readyz') && request.method === 'GET') {
    return podinfoJson({ status: 'OK' });
  }
  return undefined;
}

function podinfoJson(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

function podinfoToken(user: string, expiresAt: Date): string {
  const encode = (part: unknown) => Buffer.from(JSON.stringify(part)).toString('base64url');
  const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({
    name: user,
    iss: 'podinfo',
    exp: Math.floor(expiresAt.getTime() / 1000),
  })}`;
  const signature = createHmac('sha256', PODINFO_JWT_SECRET).update(unsigned).digest('base64url');
  return `${unsigned}.${signature}`;
}
