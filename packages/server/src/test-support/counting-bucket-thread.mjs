// The counting demo bucket's thread (counting-demo-bucket.ts): serves the demo objects on 127.0.0.1 and
// tells the test about every request before answering it. JavaScript: worker threads cannot load .ts.
import { createServer } from "node:http";
import { parentPort, workerData } from "node:worker_threads";
import { createDemoBucketHandler } from "@loupe/demo";

const handle = createDemoBucketHandler({ count: workerData.count, prefix: "/demo-bucket/" });
let delayMs = workerData.delayMs;
const server = createServer(async (req, res) => {
  parentPort.postMessage({ type: "hit", path: req.url ?? "/" });
  if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
  if (res.destroyed) return; // the client went away meanwhile (it was killed)
  if (!handle(req, res)) res.writeHead(404).end();
});
parentPort.on("message", (message) => {
  if (message.type === "delay") delayMs = message.ms;
  if (message.type === "ping") parentPort.postMessage({ type: "pong" });
});
server.listen(0, "127.0.0.1", () =>
  parentPort.postMessage({ type: "listening", port: server.address().port }),
);
