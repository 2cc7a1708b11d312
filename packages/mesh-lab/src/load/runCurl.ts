import type { CurlCommand } from './parseCurlCommand';
import type { ProcessResult } from './ProcessResult';

/** What one request got: an HTTP answer (its body unless the lab cannot tell), or no host. */
export type HttpAnswer =
  | { kind: 'answer'; code: number; body: string | undefined }
  | { kind: 'unresolved' };

// curl --retry retries these answers (and timeouts, which the lab does not produce).
const TRANSIENT_CODES = new Set([408, 429, 500, 502, 503, 504]);

/**
 * What curl prints and exits with for the answers it gets: exit 0 for any HTTP answer, a 500
 * included, unless -f (22, and no body) or --fail-with-body (22, with the body); 6 when the
 * host does not resolve. The body goes to stdout unless -o /dev/null, then -w's text;
 * errors go to stderr unless -s without -S. The progress meter is not reproduced.
 */
export function runCurl(curl: CurlCommand, send: () => HttpAnswer): ProcessResult {
  const showErrors = !curl.silent || curl.showError;
  const result: ProcessResult = { exitCode: 0, stdout: '', stderr: '' };
  for (let retriesLeft = curl.retries; ; retriesLeft--) {
    const answer = send();
    if (answer.kind === 'unresolved') {
      if (showErrors) result.stderr += `curl: (6) Could not resolve host: ${curl.url.hostname}\n`;
      return { ...result, exitCode: 6, stdout: result.stdout + writeOut(curl, 0) };
    }
    const failed = curl.fail !== 'no' && answer.code >= 400;
    // Every attempt's body is written, as curl does when it retries to stdout.
    if (!curl.discardBody && !(failed && curl.fail === 'fail')) {
      if (answer.body === undefined) {
        result.unknownStdout =
          `the lab does not know the body of ${curl.method} ${curl.url.pathname} ` +
          `(it simulates podinfo's POST /token, GET /healthz, GET /readyz and /status/{code})`;
      }
      result.stdout += answer.body ?? '';
    }
    if (retriesLeft > 0 && TRANSIENT_CODES.has(answer.code)) {
      if (!curl.silent) {
        result.stderr += `Warning: Problem : HTTP error. Will retry in 1 seconds. ${retriesLeft} retries left.\n`;
      }
      continue;
    }
    result.stdout += writeOut(curl, answer.code);
    if (failed) {
      result.exitCode = 22;
      if (showErrors) result.stderr += `curl: (22) The requested URL returned error: ${answer.code}\n`;
    }
    return result;
  }
}

function writeOut(curl: CurlCommand, code: number): string {
  if (curl.writeOut === undefined) return '';
  const escapes: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\' };
  return curl.writeOut.replace(/%\{(?:http_code|response_code)\}|%%|\\([nrt\\])/g, (m, e) => {
    if (e) return escapes[e];
    if (m === '%%') return '%';
    return String(code).padStart(3, '0');
  });
}
