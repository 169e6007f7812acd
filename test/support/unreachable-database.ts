import { createServer, type Socket } from 'node:net';
import { createDocumentClient } from '../../functions/store/dynamodb/client.ts';
import { freePort } from '../../local/dynamodb-local.ts';

/** A client for a database that refuses connections: nothing listens on its port. */
export async function refusingDatabaseClient() {
  return createDocumentClient({ endpoint: `http://127.0.0.1:${await freePort()}`, region: 'us-east-1' });
}

/** A client for a database that accepts connections and never answers, like a paused JVM. */
export async function silentDatabase() {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    client: createDocumentClient({ endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1' }),
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
