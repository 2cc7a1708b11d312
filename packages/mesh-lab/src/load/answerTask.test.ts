import { answerTask, TaskRunner } from './answerTask';
import { CommandRefusal } from './CommandRefusal';
import type { FlaggerWebhookPayload } from './parseWebhookPayload';
import type { ProcessResult } from './ProcessResult';

const payload = (metadata: Record<string, string>): FlaggerWebhookPayload => ({
  name: 'podinfo',
  namespace: 'test',
  phase: 'Progressing',
  checksum: '',
  metadata,
});

/** A runner whose bash commands end as `result` and which records what it was asked. */
function runner(result: ProcessResult | CommandRefusal) {
  const asked: string[] = [];
  const r: TaskRunner = {
    async runBlocking(command, options) {
      asked.push(`bash ${command} ${options.outputRead ? '(output read)' : ''}`.trim());
      if (result instanceof CommandRefusal) throw result;
      return result;
    },
    async runInBackground(command, canary) {
      asked.push(`cmd ${command} for ${canary}`);
      if (result instanceof CommandRefusal) throw result;
    },
  };
  return { runner: r, asked };
}
const passed: ProcessResult = { exitCode: 0, stdout: '  "token": "x",\n', stderr: '' };

describe('answerTask', () => {
  it('answers a passing bash command 200, with its output only when returnCmdOutput is true', async () => {
    const { runner: r, asked } = runner(passed);
    expect(await answerTask(payload({ type: 'bash', cmd: 'curl x | grep token' }), r)).toEqual({ status: 200, body: '' });
    expect(
      await answerTask(payload({ type: 'bash', cmd: 'curl x | grep token', returnCmdOutput: 'true' }), r),
    ).toEqual({ status: 200, body: '  "token": "x",\n' });
    expect(asked).toEqual(['bash curl x | grep token', 'bash curl x | grep token (output read)']);
  });

  it("answers a failing bash command 500 with flagger-loadtester's message", async () => {
    const { runner: r } = runner({ exitCode: 22, stdout: '', stderr: 'curl: (22) The requested URL returned error: 500\n' });
    expect(await answerTask(payload({ type: 'bash', cmd: 'curl -f x' }), r)).toEqual({
      status: 500,
      body: 'command curl -f x failed: curl: (22) The requested URL returned error: 500\n: exit status 22',
    });
  });

  it('starts a cmd task (the default type) in the background and answers 202', async () => {
    const { runner: r, asked } = runner(passed);
    expect(await answerTask(payload({ cmd: 'hey -z 1m http://podinfo-canary.test:9898/' }), r)).toEqual({
      status: 202,
      body: '',
    });
    expect(asked).toEqual(['cmd hey -z 1m http://podinfo-canary.test:9898/ for podinfo.test']);
  });

  it("answers flagger-loadtester's 400s for missing metadata and a missing cmd", async () => {
    const { runner: r } = runner(passed);
    expect(await answerTask(payload({}), r)).toEqual({ status: 400, body: 'metadata not found in payload' });
    expect(await answerTask(payload({ type: 'cmd' }), r)).toEqual({ status: 400, body: 'cmd not found in metadata' });
  });

  it('answers 400 naming what the lab cannot run: a refused command, helm, kubectl, an unknown type', async () => {
    const refusal = new CommandRefusal('./smoke.sh', './smoke.sh is not a command the lab simulates');
    expect(await answerTask(payload({ type: 'bash', cmd: './smoke.sh' }), runner(refusal).runner)).toEqual({
      status: 400,
      body: 'mesh-lab load tester cannot run `./smoke.sh`: ./smoke.sh is not a command the lab simulates',
    });
    const { runner: r, asked } = runner(passed);
    expect(await answerTask(payload({ type: 'helmv3', cmd: 'test podinfo -n test' }), r)).toEqual({
      status: 400,
      body: 'mesh-lab load tester cannot run type helmv3 tasks (`test podinfo -n test`): the lab has no Helm releases to test',
    });
    expect(await answerTask(payload({ type: 'kubectl', cmd: 'get pods' }), r)).toEqual({
      status: 400,
      body: 'mesh-lab load tester cannot run type kubectl tasks (`get pods`): the lab does not run kubectl',
    });
    expect(await answerTask(payload({ type: 'k6', cmd: 'run x.js' }), r)).toEqual({
      status: 400,
      body: 'unknown task type k6',
    });
    expect(asked).toEqual([]);
  });
});
