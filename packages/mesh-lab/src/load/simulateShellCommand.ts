import type { V1Endpoints, V1Service } from '@kubernetes/client-node';
import { answerGrpcHealthProbe } from './answerGrpcHealthProbe';
import { CommandRefusal } from './CommandRefusal';
import { parseCurlCommand } from './parseCurlCommand';
import { parseGrepCommand } from './parseGrepCommand';
import { parseGrpcHealthProbe } from './parseGrpcHealthProbe';
import { parseShellPipeline } from './parseShellPipeline';
import { podinfoAnswerBody } from './podinfoAnswerBody';
import type { ProcessResult } from './ProcessResult';
import { runCurl } from './runCurl';
import type { CurlCommand } from './parseCurlCommand';

/** What a simulated command can reach: the mesh, and the cluster's Services. */
export interface CommandWorld {
  /** Sends one request through the mesh: its status code, or `unresolved` when no host answers. */
  send(curl: CurlCommand): { kind: 'answer'; code: number } | { kind: 'unresolved' };
  /** The Service a host names (short names resolve in the Canary's namespace) and its Endpoints. */
  service(host: string): Promise<{ service?: V1Service; endpoints?: V1Endpoints }>;
}

type Stage = (input: ProcessResult | undefined) => Promise<ProcessResult>;

/**
 * Runs a `bash -c` command the way the lab can: a pipeline of `curl` (one request through the
 * mesh), `grep` (on what the stage before printed) and `grpc_health_probe` (from the Service's
 * ready endpoints). Its exit status is the last stage's, as in bash without pipefail; the output
 * is every stage's stderr then the last stdout (flagger-loadtester's CombinedOutput).
 * Everything else is refused with a CommandRefusal, before any request is sent; so is output
 * the lab cannot know when something reads it (a grep, or `outputRead`: returnCmdOutput).
 */
export async function simulateShellCommand(
  command: string,
  world: CommandWorld,
  options: {
    outputRead: boolean;
    /** A background task (type cmd): nobody sees its result, so unknown output is no reason to refuse. */
    resultIgnored?: boolean;
  },
): Promise<ProcessResult> {
  const stages = parseShellPipeline(command).map(words =>
    stageOf(words, command, world, !!options.resultIgnored),
  );
  let last: ProcessResult = { exitCode: 0, stdout: '', stderr: '' };
  let stderr = '';
  for (const [i, stage] of stages.entries()) {
    last = await stage(i === 0 ? undefined : last);
    stderr += last.stderr;
  }
  if (options.outputRead && last.unknownStdout) {
    throw new CommandRefusal(command, `${last.unknownStdout}, and Flagger asked for the output`);
  }
  return { exitCode: last.exitCode, stdout: last.stdout, stderr };
}

function stageOf(
  words: string[],
  command: string,
  world: CommandWorld,
  resultIgnored: boolean,
): Stage {
  const name = words[0].split('/').pop();
  switch (name) {
    case 'curl': {
      const curl = parseCurlCommand(words, command);
      return async () =>
        runCurl(curl, () => {
          const answer = world.send(curl);
          if (answer.kind === 'unresolved') return answer;
          const request = { method: curl.method, path: curl.url.pathname + curl.url.search, body: curl.body };
          return { kind: 'answer', code: answer.code, body: podinfoAnswerBody(request, answer.code) };
        });
    }
    case 'grep': {
      const grep = parseGrepCommand(words, command);
      return async input => {
        if (input?.unknownStdout && !resultIgnored) {
          throw new CommandRefusal(command, `${input.unknownStdout}, so it cannot tell what grep finds`);
        }
        return grep.run(input?.stdout ?? '');
      };
    }
    case 'grpc_health_probe': {
      const parsed = parseGrpcHealthProbe(words, command);
      if ('usageError' in parsed) {
        return async () => ({ exitCode: 1, stdout: '', stderr: `${parsed.usageError}\n` });
      }
      return async () => answerGrpcHealthProbe(parsed.probe, await world.service(parsed.probe.host));
    }
    case 'hey':
      throw new CommandRefusal(
        command,
        "the lab runs hey as a background task (type cmd, Flagger's default), not as a blocking bash command",
      );
    default:
      throw new CommandRefusal(
        command,
        `${name} is not a command the lab simulates (bash commands: curl, grep and ` +
          'grpc_health_probe; background tasks: hey, curl)',
      );
  }
}
