import type { CurlCommand } from './parseCurlCommand';
import { CommandWorld, simulateShellCommand } from './simulateShellCommand';

/** A mesh where every request gets `code`, and one ready Service `podinfo-canary` in `test`. */
function world(code: number | 'unresolved') {
  const sent: CurlCommand[] = [];
  const w: CommandWorld = {
    send: curl => {
      sent.push(curl);
      return code === 'unresolved' ? { kind: 'unresolved' } : { kind: 'answer', code };
    },
    service: async host =>
      host === 'podinfo-canary'
        ? {
            service: { spec: { clusterIP: '10.0.0.9', ports: [{ name: 'grpc', port: 9999 }] } },
            endpoints: { subsets: [{ addresses: [{ ip: '10.1.0.3' }], ports: [{ name: 'grpc', port: 9999 }] }] },
          }
        : {},
  };
  return { world: w, sent };
}
const run = (cmd: string, w: CommandWorld, outputRead = false) => simulateShellCommand(cmd, w, { outputRead });
const TOKEN_TEST = "curl -sd 'test' http://podinfo-canary:9898/token | grep token";

describe('simulateShellCommand', () => {
  it("passes Flagger's token acceptance test when podinfo answers, sending one request", async () => {
    const { world: w, sent } = world(200);
    const result = await run(TOKEN_TEST, w);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^ {2}"token": "ey[\w-]+\.[\w-]+\.[\w-]+",\n$/);
    expect(sent.map(c => [c.method, c.url.href, c.body])).toEqual([
      ['POST', 'http://podinfo-canary:9898/token', 'test'],
    ]);
  });

  it('fails it when the canary answers 500: curl exits 0, but grep sees no token and exits 1', async () => {
    expect(await run(TOKEN_TEST, world(500).world)).toEqual({ exitCode: 1, stdout: '', stderr: '' });
  });

  it('takes the exit status of a lone curl as curl gives it: 0 on a 500, 22 with -f, 6 for no host', async () => {
    expect((await run('curl -s http://podinfo-canary:9898/status/500', world(500).world)).exitCode).toBe(0);
    expect((await run('curl -sf http://podinfo-canary:9898/', world(500).world)).exitCode).toBe(22);
    expect(await run('curl -sS http://nowhere/', world('unresolved').world)).toEqual({
      exitCode: 6,
      stdout: '',
      stderr: 'curl: (6) Could not resolve host: nowhere\n',
    });
  });

  it('answers grpc_health_probe from the Service it names', async () => {
    const { world: w } = world(200);
    expect(await run('grpc_health_probe -addr=podinfo-canary:9999', w)).toEqual({
      exitCode: 0,
      stdout: '',
      stderr: 'status: SERVING\n',
    });
    expect((await run('grpc_health_probe -addr=podinfo-primary:9999', w)).exitCode).toBe(2);
    expect(await run('grpc_health_probe', w)).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: 'error: -addr not specified\n',
    });
  });

  it('refuses to grep, or hand Flagger, a body that depends on the pod', async () => {
    await expect(run('curl -s http://podinfo-canary:9898/ | grep 6.1.0', world(200).world)).rejects.toThrow(
      'the lab does not know the body of GET /',
    );
    await expect(run('curl -s http://podinfo-canary:9898/version', world(200).world, true)).rejects.toThrow(
      'and Flagger asked for the output',
    );
    expect((await run('curl -sf http://podinfo-canary:9898/version', world(200).world)).exitCode).toBe(0);
  });

  it('refuses commands it does not simulate by name, before sending anything', async () => {
    const { world: w, sent } = world(200);
    await expect(run('kubectl get pods', w)).rejects.toThrow(
      'mesh-lab load tester cannot run `kubectl get pods`: kubectl is not a command the lab simulates',
    );
    await expect(run('curl -s http://podinfo-canary:9898/token | jq -r .token', w)).rejects.toThrow(
      'jq is not a command the lab simulates',
    );
    await expect(run('hey -z 10s http://podinfo-canary:9898/', w)).rejects.toThrow(
      "the lab runs hey as a background task (type cmd, Flagger's default)",
    );
    expect(sent).toEqual([]);
  });

  it('runs an empty command as bash does: exit 0', async () => {
    expect(await run('', world(200).world)).toEqual({ exitCode: 0, stdout: '', stderr: '' });
  });
});
