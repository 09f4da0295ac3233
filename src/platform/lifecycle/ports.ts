import net from 'node:net';
import { StartupError } from './startup-error.ts';

/**
 * Fails fast when a port we are about to listen on is taken — before any
 * Postgres is started or migrated, so the process ends within a second with
 * a line that says which setting to change. (`listen` itself still reports a
 * port taken in between; the caller cleans up then too.)
 */
export async function assertPortFree(host: string, port: number, setting: string): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EADDRINUSE') reject(new StartupError(portInUse(host, port, setting)));
      else if (e.code === 'EACCES') reject(new StartupError(`port ${port} on ${host} needs privileges this process lacks; set ${setting} to a port above 1023`));
      else if (e.code === 'EADDRNOTAVAIL') reject(new StartupError(`${host} is not an address of this machine (HOST)`));
      else reject(e);
    });
    srv.listen({ host, port, exclusive: true }, () => srv.close(() => resolve()));
  });
}

export function portInUse(host: string, port: number, setting: string): string {
  return `port ${port} on ${host} is already in use (another orderly, or another program: \`ss -ltnp 'sport = :${port}'\` shows which); stop it or set ${setting} to another port`;
}
