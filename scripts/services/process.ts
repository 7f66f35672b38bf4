import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';

export interface Service {
  name: string;
  /** The program's process id, for a last-resort SIGKILL when its owner exits without stop(). */
  pid?: number;
  stop(): Promise<void>;
}

/** Asks the kernel for a free loopback port. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function waitForPort(
  port: number,
  timeoutMs = 60_000,
  host = '127.0.0.1',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, host, () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline)
      throw new Error(`nothing listened on ${host}:${port} in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Starts a long-running program, keeps the tail of its output for error messages, and stops
 * it with SIGTERM (SIGKILL after a grace period).
 */
export function startProcess(
  name: string,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): { child: ChildProcess; service: Service; output: () => string } {
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const service: Service = {
    name,
    pid: child.pid,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
  return { child, service, output: () => tail };
}

/** Resolves once `port` accepts connections, or rejects with the program's output. */
export async function startListening(
  name: string,
  command: string,
  args: string[],
  port: number,
  env?: NodeJS.ProcessEnv,
): Promise<Service> {
  const { child, service, output } = startProcess(name, command, args, env);
  const died = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`${name} exited (${code}):\n${output()}`))),
  );
  await Promise.race([waitForPort(port), died]);
  died.catch(() => undefined);
  return service;
}
