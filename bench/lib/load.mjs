// HTTP load with autocannon's programmatic API. Latency percentiles are computed here from every
// response's own duration (autocannon's histogram has no p95), and a request that timed out counts with
// the timeout as its latency (a lower bound) instead of silently vanishing from the percentiles.
import autocannon from "autocannon";

export function percentile(sorted, p) {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

/**
 * Runs autocannon against one URL. Options: connections (50), duration in seconds (10), overallRate
 * (requests/s over all connections; unlimited by default), timeout in seconds (10), headers, and `until`
 * (a promise: the run stops early when it settles; `duration` stays the upper bound), and `nextPath` (a
 * function called before every request for the path to ask for: requests that differ, so caches miss).
 * Returns {requests, rps, p50, p95, p99, max, timeouts, errors, non2xx, bytesPerResponse}.
 */
export async function hammer(
  url,
  { connections = 50, duration = 10, overallRate, timeout = 10, headers, until, nextPath } = {},
) {
  const latencies = [];
  let non2xx = 0;
  let bytes = 0;
  const instance = autocannon({
    url,
    connections,
    duration,
    timeout,
    headers,
    ...(overallRate === undefined ? {} : { overallRate }),
    ...(nextPath === undefined
      ? {}
      : {
          requests: [
            {
              setupRequest: (request) => ({ ...request, path: nextPath() }),
            },
          ],
        }),
  });
  instance.on("response", (_client, statusCode, resBytes, responseTime) => {
    latencies.push(responseTime);
    bytes += resBytes;
    if (statusCode < 200 || statusCode >= 300) non2xx++;
  });
  const stop = () => instance.stop();
  until?.then(stop, stop);
  const result = await instance;
  const completed = latencies.length;
  for (let i = 0; i < result.timeouts; i++) latencies.push(timeout * 1000);
  latencies.sort((a, b) => a - b);
  return {
    requests: completed,
    rps: completed / (result.duration || duration),
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? Number.NaN,
    timeouts: result.timeouts,
    errors: result.errors,
    non2xx,
    bytesPerResponse: completed === 0 ? 0 : bytes / completed,
  };
}

/**
 * Sequential requests (one at a time) for `seconds` (at least `min` of them): the service time. Like
 * autocannon, no compression unless `headers` ask for it (fetch would otherwise offer gzip).
 */
export async function serviceTime(
  url,
  { seconds = 2, min = 3, max = 2000, headers = { "accept-encoding": "identity" } } = {},
) {
  const times = [];
  const started = performance.now();
  while (times.length < max && (times.length < min || performance.now() - started < seconds * 1000)) {
    const t = performance.now();
    const response = await fetch(url, { headers, signal: AbortSignal.timeout(60_000) });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { n: times.length, p50: percentile(times, 50), p95: percentile(times, 95) };
}
