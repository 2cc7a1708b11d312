import { createHmac } from 'node:crypto';
import { podinfoAnswerBody } from './podinfoAnswerBody';

describe('podinfoAnswerBody', () => {
  const now = new Date('2026-01-01T00:00:00Z');

  it('answers POST /token with a JWT for the posted user, signed as podinfo signs it', () => {
    const body = podinfoAnswerBody({ method: 'POST', path: '/token', body: 'test' }, 200, now)!;
    const answer = JSON.parse(body);
    expect(body).toBe(JSON.stringify(answer, null, 2));
    expect(answer.expires_at).toBe('2026-01-01T00:01:00.000Z');
    const [header, claims, signature] = answer.token.split('.');
    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(JSON.parse(Buffer.from(claims, 'base64url').toString())).toEqual({
      name: 'test',
      iss: 'podinfo',
      exp: Date.parse('2026-01-01T00:01:00Z') / 1000,
    });
    expect(signature).toBe(
      createHmac('sha256', 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9').update(`${header}.${claims}`).digest('base64url'),
    );
    const anonymous = JSON.parse(podinfoAnswerBody({ method: 'POST', path: '/token' }, 200, now)!);
    expect(JSON.parse(Buffer.from(anonymous.token.split('.')[1], 'base64url').toString()).name).toBe('anonymous');
  });

  it('answers the health endpoints and /status/{code} as podinfo does', () => {
    expect(podinfoAnswerBody({ method: 'GET', path: '/healthz' }, 200)).toBe('{\n  "status": "OK"\n}');
    expect(podinfoAnswerBody({ method: 'GET', path: '/readyz' }, 200)).toBe('{\n  "status": "OK"\n}');
    expect(podinfoAnswerBody({ method: 'GET', path: '/status/500' }, 500)).toBe('{\n  "status": 500\n}');
  });

  it('gives a failed answer no body: a 500 from the pod carries no token', () => {
    expect(podinfoAnswerBody({ method: 'POST', path: '/token', body: 'test' }, 500)).toBe('');
    expect(podinfoAnswerBody({ method: 'GET', path: '/status/200' }, 503)).toBe('');
  });

  it('does not make up what depends on the pod or what podinfo does not serve', () => {
    expect(podinfoAnswerBody({ method: 'GET', path: '/' }, 200)).toBeUndefined();
    expect(podinfoAnswerBody({ method: 'GET', path: '/version' }, 200)).toBeUndefined();
    expect(podinfoAnswerBody({ method: 'GET', path: '/token' }, 200)).toBeUndefined();
  });
});
