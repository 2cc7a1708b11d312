import { parseCurlCommand } from './parseCurlCommand';
import { parseShellPipeline } from './parseShellPipeline';
import { HttpAnswer, runCurl } from './runCurl';

const curl = (cmd: string) => parseCurlCommand(parseShellPipeline(cmd)[0], cmd);
const answers = (...list: HttpAnswer[]) => {
  const sent: HttpAnswer[] = [];
  return {
    sent,
    send: () => {
      const next = list[Math.min(sent.length, list.length - 1)];
      sent.push(next);
      return next;
    },
  };
};
const ok = (body = 'hello'): HttpAnswer => ({ kind: 'answer', code: 200, body });
const error = (code = 500): HttpAnswer => ({ kind: 'answer', code, body: '' });

describe('runCurl', () => {
  it('exits 0 and prints the body for any HTTP answer, a 500 included, as plain curl does', () => {
    expect(runCurl(curl('curl -s http://x/'), answers(ok()).send)).toEqual({
      exitCode: 0,
      stdout: 'hello',
      stderr: '',
    });
    expect(runCurl(curl('curl -s http://x/'), answers(error()).send)).toMatchObject({ exitCode: 0, stdout: '' });
  });

  it('exits 22 on an HTTP error with -f, without the body, and says so unless -s', () => {
    expect(runCurl(curl('curl -f http://x/'), answers({ kind: 'answer', code: 503, body: 'x' }).send)).toEqual({
      exitCode: 22,
      stdout: '',
      stderr: 'curl: (22) The requested URL returned error: 503\n',
    });
    expect(runCurl(curl('curl -sf http://x/'), answers(error()).send).stderr).toBe('');
    expect(runCurl(curl('curl -sSf http://x/'), answers(error()).send).stderr).toBe(
      'curl: (22) The requested URL returned error: 500\n',
    );
    expect(
      runCurl(curl('curl -s --fail-with-body http://x/'), answers({ kind: 'answer', code: 500, body: 'oops' }).send),
    ).toMatchObject({ exitCode: 22, stdout: 'oops' });
    expect(runCurl(curl('curl -sf http://x/'), answers({ kind: 'answer', code: 302, body: '' }).send).exitCode).toBe(0);
  });

  it('exits 6 when no host answers, printing 000 for -w', () => {
    expect(runCurl(curl("curl -sS -w '%{http_code}\\n' http://nowhere/"), answers({ kind: 'unresolved' }).send)).toEqual({
      exitCode: 6,
      stdout: '000\n',
      stderr: 'curl: (6) Could not resolve host: nowhere\n',
    });
  });

  it('writes -w after the body, or alone with -o /dev/null', () => {
    expect(runCurl(curl("curl -s -o /dev/null -w '%{http_code}' http://x/"), answers(ok()).send).stdout).toBe('200');
    expect(runCurl(curl("curl -s -w ' %{response_code}%%' http://x/"), answers(ok()).send).stdout).toBe('hello 200%');
  });

  it('retries transient answers with --retry, printing every body as curl does', () => {
    const net = answers(error(503), error(503), ok('fine'));
    const result = runCurl(curl('curl --retry 5 http://x/'), net.send);
    expect(net.sent).toHaveLength(3);
    expect(result).toEqual({
      exitCode: 0,
      stdout: 'fine',
      stderr:
        'Warning: Problem : HTTP error. Will retry in 1 seconds. 5 retries left.\n' +
        'Warning: Problem : HTTP error. Will retry in 1 seconds. 4 retries left.\n',
    });
    const failing = answers(error(500));
    expect(runCurl(curl('curl -sf --retry 1 http://x/'), failing.send).exitCode).toBe(22);
    expect(failing.sent).toHaveLength(2);
    const notTransient = answers(error(404));
    runCurl(curl('curl -s --retry 3 http://x/'), notTransient.send);
    expect(notTransient.sent).toHaveLength(1);
  });

  it('marks a body the lab cannot know, unless it is not printed', () => {
    const unknown: HttpAnswer = { kind: 'answer', code: 200, body: undefined };
    expect(runCurl(curl('curl -s http://x/version'), answers(unknown).send).unknownStdout).toBe(
      "the lab does not know the body of GET /version (it simulates podinfo's POST /token, GET /healthz, GET /readyz and /status/{code})",
    );
    expect(runCurl(curl('curl -s -o /dev/null http://x/version'), answers(unknown).send).unknownStdout).toBeUndefined();
  });
});
