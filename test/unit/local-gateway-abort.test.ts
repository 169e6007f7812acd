import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiGateway } from '../../local/api-gateway.ts';

const servers: Array<ReturnType<typeof createServer>> = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

describe('the local gateway, when a client closes its connection mid-body', () => {
  it('neither fails nor answers nor calls the function: an aborted request is not our failure', async () => {
    const invoked: string[] = [];
    const gateway = createApiGateway(
      async () => ({}),
      undefined,
      async (fn) => {
        invoked.push(fn);
        return { statusCode: 201, body: '{}' };
      },
    );
    let received: () => void = () => {};
    const requestReceived = new Promise<void>((resolve) => {
      received = resolve;
    });
    const handled = new Promise<{ outcome: string; headersSent: boolean }>((resolve) => {
      const server = createServer((req: IncomingMessage, res: ServerResponse) => {
        gateway(req, res).then(
          () => resolve({ outcome: 'settled', headersSent: res.headersSent }),
          (error: unknown) => resolve({ outcome: `failed: ${error}`, headersSent: res.headersSent }),
        );
        received();
      });
      servers.push(server);
      server.listen(0, '127.0.0.1');
    });
    const server = servers[0];
    if (!server) throw new Error('no server');
    if (!server.listening) await once(server, 'listening');

    const socket = connect((server.address() as AddressInfo).port, '127.0.0.1');
    await once(socket, 'connect');
    // A raw request that promises 1,000 bytes of body and sends ten before the client goes away.
    socket.write(
      'POST /api/registrations HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
        'Content-Length: 1000\r\n\r\n{"name": "',
    );
    await requestReceived;
    socket.destroy();

    expect(await handled).toEqual({ outcome: 'settled', headersSent: false });
    expect(invoked).toEqual([]);
  });
});
