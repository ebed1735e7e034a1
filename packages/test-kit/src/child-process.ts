import type { ChildProcess } from 'node:child_process';

/** Sends `signal` (SIGKILL simulates a crash) and resolves once the process has exited. */
export async function killAndWait(proc: ChildProcess | undefined, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
  const done = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  proc.kill(signal);
  await done;
}
