/**
 * An object store on 127.0.0.1 that takes PUT and serves GET, in memory: where uploaded logs go in tests.
 * A PUT whose body did not arrive whole (the client or Loupe cut it off) stores nothing, as object
 * stores do. `answerPut` lets a test make the store refuse.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface PutObjectStore {
  readonly prefix: string;
  readonly objects: Map<string, Buffer>;
  /** Authorization headers the PUTs carried. */
  readonly authorizations: (string | undefined)[];
  answerPut: number;
  close(): Promise<void>;
}

export async function startPutObjectStore(): Promise<PutObjectStore> {
  const objects = new Map<string, Buffer>();
  const authorizations: (string | undefined)[] = [];
  const state = { answerPut: 200 };
  const server = createServer((request, response) => {
    const path = request.url ?? "/";
    if (request.method === "PUT") {
      authorizations.push(request.headers.authorization);
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        if (state.answerPut === 200) objects.set(path, Buffer.concat(chunks));
        response.writeHead(state.answerPut).end();
      });
      request.on("error", () => response.destroy());
      return;
    }
    const body = objects.get(path);
    if (body === undefined) response.writeHead(404).end();
    else response.writeHead(200, { "content-type": "text/plain" }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    prefix: `http://127.0.0.1:${port}/uploads/`,
    objects,
    authorizations,
    get answerPut() {
      return state.answerPut;
    },
    set answerPut(status: number) {
      state.answerPut = status;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
