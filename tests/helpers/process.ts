import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { SERVER_COMMAND_ARGS } from '../../scripts/server-command.js';
import { testEnv } from './server.js';

/** Starts the server as `npm start` does, in its own process, and resolves with its GraphQL URL once it is ready. */
export async function startServerProcess(
  env: Record<string, string>,
): Promise<{ child: ChildProcessWithoutNullStreams; url: string; output: () => string; exited: Promise<number | null> }> {
  const child = spawn(process.execPath, SERVER_COMMAND_ARGS, { env: { ...process.env, ...testEnv({ LOG_LEVEL: 'info', ...env }) } });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /"url":"([^"]+)"/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', () => reject(new Error(`server exited early:\n${output}`)));
  });
  return { child, url, output: () => output, exited };
}
