import { spawn } from 'node:child_process';
import fs from 'node:fs';

/**
 * Runs a build or install step to completion, appending its output to a log file
 * (a five-minute Go build must not flood the terminal, but its log must survive a failure).
 */
export function runCommand(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; logFile: string },
): Promise<string> {
  return new Promise((resolve, reject) => {
    const log = fs.openSync(options.logFile, 'a');
    fs.writeSync(log, `\n$ ${command} ${args.join(' ')}\n`);
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      fs.writeSync(log, chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => fs.writeSync(log, chunk));
    child.on('error', err => {
      fs.closeSync(log);
      reject(new Error(`Could not run ${command}: ${err.message}`));
    });
    child.on('close', code => {
      fs.closeSync(log);
      if (code === 0) resolve(stdout);
      else
        reject(
          new Error(
            `${command} ${args.join(' ')} exited with ${code}; see ${options.logFile}`,
          ),
        );
    });
  });
}
