/**
 * The object store the pipeline tests ingest from: the two real logs (with validators), and one route per
 * misbehaviour: missing (404/403/410), flaky (500 then 200), slow or hanging headers, a dripping body, a
 * body cut short, a declared size over the cap, 429 with Retry-After, 400, an empty object.
 */
import { readFileSync } from "node:fs";
import { sleep, startTestServer, type TestServer } from "./test-server.js";

export const CLIENT = readFileSync(
  new URL("../../../../../fixtures/real-logs/client-2020-05-15.txt", import.meta.url),
);
export const SERVER = readFileSync(
  new URL("../../../../../fixtures/real-logs/server-2020-05-08.txt", import.meta.url),
);

export async function startLogStore(): Promise<TestServer> {
  let flakyCalls = 0;
  return startTestServer(async (req, res) => {
    const sendLog = (bytes: Buffer, etag: string) => {
      res.writeHead(200, {
        "content-length": bytes.length,
        etag,
        "last-modified": "Fri, 15 May 2020 12:00:00 GMT",
      });
      res.end(bytes);
    };
    const path = (req.url ?? "/").split("?")[0];
    if (path === "/client.txt") return sendLog(CLIENT, '"c1"');
    if (path === "/server.txt") return sendLog(SERVER, '"s1"');
    if (path === "/flaky.txt")
      return flakyCalls++ === 0 ? void res.writeHead(500).end() : sendLog(CLIENT, '"f2"');
    if (path === "/empty.txt") return void res.writeHead(200, { "content-length": 0 }).end();
    if (path === "/slow.txt" || path === "/delay.txt") {
      const delay = path === "/slow.txt" ? 1000 : 100;
      return void setTimeout(() => res.destroyed || res.writeHead(200).end("late"), delay);
    }
    if (path === "/hang.txt") return; // answers never; the client gives up or is stopped
    if (path === "/drip.txt") {
      res.writeHead(200);
      while (!res.destroyed) {
        res.write("x");
        await sleep(50);
      }
      return;
    }
    if (path === "/cut.txt") {
      res.writeHead(200, { "content-length": 10_000 });
      res.write(CLIENT.subarray(0, 3000), () => setTimeout(() => res.socket?.destroy(), 20));
      return;
    }
    if (path === "/too-large.txt")
      return void res.writeHead(200, { "content-length": 5 * 1024 * 1024 }).write("x");
    if (path === "/throttled.txt") return void res.writeHead(429, { "retry-after": "120" }).end();
    if (path === "/bad.txt") return void res.writeHead(400).end();
    const status = path === "/forbidden.txt" ? 403 : path === "/gone.txt" ? 410 : 404;
    res.writeHead(status, { "content-type": "application/xml" }).end("<Error><Code>NoSuchKey</Code></Error>");
  });
}
