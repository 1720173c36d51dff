/**
 * A real HTTP server on loopback playing a misbehaving AWS endpoint: it never answers, answers
 * HTML, streams an endless body, … whatever `answer` does with each request. Unlike the
 * stand-in handler (tests/helpers/http-stand-in.ts), requests go through the SDK's real Node
 * HTTP handler, so timeouts, sockets and streaming are the ones a scan has.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** The query-protocol action (`Action=DescribeVpcs` in a form body), when there is one. */
  action?: string;
}

export interface MisbehavingServer {
  url: string;
  requests: SeenRequest[];
  close(): Promise<void>;
}

export type Answer = (request: SeenRequest, res: ServerResponse) => void;

export async function startServer(answer: Answer): Promise<MisbehavingServer> {
  const requests: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const seen: SeenRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body,
        action: /(?:^|&)Action=([A-Za-z]+)/.exec(body)?.[1],
      };
      requests.push(seen);
      answer(seen, res);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** An answer with this status, content type and body. */
export const reply =
  (status: number, body: string, type = 'text/xml', headers: Record<string, string> = {}): Answer =>
  (_request, res) => {
    res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body), ...headers });
    res.end(body);
  };

/** Accepts the request and never answers. */
export const neverAnswer: Answer = () => undefined;
