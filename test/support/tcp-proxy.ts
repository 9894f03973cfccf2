import { AddressInfo, createConnection, createServer, Socket } from 'node:net';

/**
 * The stable address clients use for "the primary" (issue 18's failover drill): what a
 * deployment's virtual IP, Kubernetes Service or HAProxy in front of Patroni does. Tally's
 * DATABASE_URL names this address; failing over moves the target to the promoted server and drops
 * every connection made to the old one (fencing: nothing keeps talking to a demoted primary), so
 * clients reconnect and land on the new primary. Plain TCP forwarding, nothing PostgreSQL-specific.
 */
export interface TcpProxy {
  port: number;
  /** The port new connections are forwarded to. */
  readonly target: number;
  /** New connections go to `port` from now on; open ones are closed. */
  retarget(port: number): void;
  close(): Promise<void>;
}

export async function startTcpProxy(target: number, host = '127.0.0.1'): Promise<TcpProxy> {
  let current = target;
  const open = new Set<Socket>();
  const track = (socket: Socket): void => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
  };
  const server = createServer((client) => {
    const upstream = createConnection({ host, port: current });
    track(client);
    track(upstream);
    // Either side ending or failing ends both (a refused upstream closes the client at once).
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return {
    port: (server.address() as AddressInfo).port,
    get target() {
      return current;
    },
    retarget(port) {
      current = port;
      for (const socket of open) socket.destroy();
    },
    close: async () => {
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
