// The demo bucket alone in this process (object storage for the ingest benchmark's second scenario):
// node demo-bucket-process.mjs COUNT → prints its URL as one JSON line, serves until killed.
import { startDemoBucket } from "@loupe/demo";

const count = Number(process.argv[2] ?? 3000);
const bucket = await startDemoBucket({ count, host: "127.0.0.1" });
process.stdout.write(`${JSON.stringify({ url: bucket.url })}\n`);
const stop = () => bucket.close().finally(() => process.exit(0));
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
