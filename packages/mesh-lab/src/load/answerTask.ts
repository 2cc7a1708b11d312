import { CommandRefusal } from './CommandRefusal';
import type { FlaggerWebhookPayload } from './parseWebhookPayload';
import type { ProcessResult } from './ProcessResult';

/** How the load tester runs the commands of a task. */
export interface TaskRunner {
  /** A `type: bash` command, run to its end (flagger-loadtester's BashTask). */
  runBlocking(command: string, options: { outputRead: boolean }): Promise<ProcessResult>;
  /** A `type: cmd` task started in the background (CmdTask), once per Canary and command at a time. */
  runInBackground(command: string, canary: string): Promise<void>;
}

// Task types flagger-loadtester runs with programs the lab does not have.
const UNSIMULATED_TYPES: Record<string, string> = {
  helm: 'the lab has no Helm releases to test',
  helmv3: 'the lab has no Helm releases to test',
  kubectl: 'the lab does not run kubectl',
  concord: 'the lab has no Concord server',
  ngrinder: 'the lab has no nGrinder server',
};

/**
 * Answers a task request (POST / with metadata) as flagger-loadtester's HandleNewTask does:
 * 400 `metadata not found in payload` without metadata; `type: bash` runs the command and
 * answers 200 (the output only with `returnCmdOutput`) or 500 `command <cmd> failed: <output>:
 * exit status <n>`; `type: cmd` (the default) starts it in the background and answers 202.
 * What the lab cannot simulate is answered 400 with a message naming it, never 2xx.
 */
export async function answerTask(
  payload: FlaggerWebhookPayload,
  runner: TaskRunner,
): Promise<{ status: number; body: string }> {
  const metadata = payload.metadata;
  if (Object.keys(metadata).length === 0) return { status: 400, body: 'metadata not found in payload' };
  const type = 'type' in metadata ? metadata.type : 'cmd';
  const command = metadata.cmd;
  try {
    if (type === 'bash') {
      const outputRead = goParseBool(metadata.returnCmdOutput);
      const result = await runner.runBlocking(command ?? '', { outputRead });
      const output = result.stderr + result.stdout;
      if (result.exitCode !== 0) {
        return {
          status: 500,
          body: `command ${command ?? ''} failed: ${output}: exit status ${result.exitCode}`,
        };
      }
      return { status: 200, body: outputRead ? output : '' };
    }
    if (type === 'cmd') {
      if (command === undefined) return { status: 400, body: 'cmd not found in metadata' };
      await runner.runInBackground(command, `${payload.name}.${payload.namespace}`);
      return { status: 202, body: '' };
    }
  } catch (e) {
    if (e instanceof CommandRefusal) return { status: 400, body: e.message };
    throw e;
  }
  const why = UNSIMULATED_TYPES[type];
  if (why) {
    return {
      status: 400,
      body: `mesh-lab load tester cannot run type ${type} tasks${command ? ` (\`${command}\`)` : ''}: ${why}`,
    };
  }
  // flagger-loadtester looks the type up in its task factories; an unknown one is refused.
  return { status: 400, body: `unknown task type ${type}` };
}

/** Go's strconv.ParseBool, a value it cannot read counting as false as in HandleNewTask. */
function goParseBool(value: string | undefined): boolean {
  return ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value ?? '');
}
