/**
 * `/demo-bucket/<key>` on the server answers 307 to the same key in the demo bucket's own thread
 * (@loupe/demo's startDemoBucketThread): the manifest's URLs stay on the server's origin, stable from
 * one start to the next, while the bytes never pass through the API's thread. The fetcher follows
 * redirects (re-checked against the source allowlist), as it must for real object stores.
 */
import type { RawMount } from "./api/web.js";

export function redirectMount(prefix: string, targetBaseUrl: string): RawMount {
  const base = prefix.endsWith("/") ? prefix : `${prefix}/`;
  const target = targetBaseUrl.endsWith("/") ? targetBaseUrl : `${targetBaseUrl}/`;
  return {
    prefix: base,
    handle(req, res) {
      const path = req.url ?? "/";
      if (!path.startsWith(base)) return false;
      res.statusCode = 307;
      res.setHeader("location", target + path.slice(base.length));
      res.setHeader("cache-control", "no-store");
      res.end();
      return true;
    },
  };
}
