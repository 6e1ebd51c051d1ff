// The browser benchmark's 100,000-line log: the demo generator's Linux client session cut at that many
// lines, served by a tiny HTTP server on 127.0.0.1, and a one-connection manifest pointing at it (for a
// second `loupe serve --manifest`).
import { readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";
import { longClientLog } from "./generated-logs.mjs";

export const LOG_LINES = 100_000;

/** Writes the log and the manifest under `dir`, starts the server; resolves { manifest, close }. */
export async function serveBigLog(dir) {
  const logPath = join(dir, "client-100k-lines.txt");
  writeFileSync(logPath, firstLines(LOG_LINES));
  const store = createServer((req, res) => {
    if (req.url === "/logs/client-100k.txt") {
      res.writeHead(200, { "content-type": "text/plain; charset=utf-8" }).end(readFileSync(logPath));
    } else res.writeHead(404).end("no such object");
  });
  await new Promise((resolve) => store.listen(0, "127.0.0.1", resolve));
  const manifest = join(dir, "manifest.json");
  writeFileSync(
    manifest,
    JSON.stringify([
      {
        connection_id: 1,
        username: "bench@example.com",
        ip: "203.0.113.10",
        last_updated: "06/30/2020, 21:02",
        version: "e2cd777-1B1D1F08",
        client_logs: `http://127.0.0.1:${store.address().port}/logs/client-100k.txt`,
        server_logs: null,
      },
    ]),
  );
  return { manifest, close: () => new Promise((resolve) => store.close(resolve)) };
}

/** The demo generator's Linux client session, cut after `lines` lines. */
function firstLines(lines) {
  const text = Buffer.from(longClientLog(3)).toString("utf8");
  let at = -1;
  for (let n = 0; n < lines; n++) {
    at = text.indexOf("\n", at + 1);
    if (at < 0) throw new Error(`the generated log has fewer than ${lines} lines`);
  }
  return text.slice(0, at + 1);
}
