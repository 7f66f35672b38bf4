import net from 'node:net';

/**
 * Fails early, with the variable to change, when a port is taken. Without this check a server
 * we start could die on EADDRINUSE while our readiness probe happily connects to whatever else
 * already listens there.
 */
export async function assertPortFree(port: number, variable: string): Promise<void> {
  const free = await new Promise<boolean>((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
  if (!free) {
    throw new Error(`port ${port} is already in use: stop what listens there or set ${variable}`);
  }
}

/** True while something accepts connections on 127.0.0.1:`port`. */
export async function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
