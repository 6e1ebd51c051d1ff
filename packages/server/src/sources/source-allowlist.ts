/**
 * Which URLs logs may be fetched from (product.md, "Trust"). The operator's own manifest is trusted: the
 * origins its URLs name are allowed, loopback included. Anything else must start with an
 * `--allow-source` prefix. Checked for every URL and every redirect hop, so a redirect cannot lead away.
 */
import type { CheckUrl } from "../ingest/index.js";

export interface SourceAllowlist {
  /** Trusts the origins of these URLs (an operator's manifest). */
  trustManifestUrls(urls: Iterable<string | null>): void;
  /** The origins trusted so far (to hand the same trust to another thread). */
  trustedOrigins(): string[];
  readonly check: CheckUrl;
}

export function createSourceAllowlist(prefixes: readonly string[]): SourceAllowlist {
  const origins = new Set<string>();
  const normalisedPrefixes = prefixes.map((p) => new URL(p).href);
  return {
    trustManifestUrls(urls) {
      for (const url of urls) {
        if (url === null) continue;
        try {
          origins.add(new URL(url).origin);
        } catch {
          // Invalid URLs were already reported by the manifest's validation.
        }
      }
    },
    trustedOrigins: () => [...origins],
    check(url) {
      if (url.protocol !== "http:" && url.protocol !== "https:")
        return `scheme ${url.protocol} is not allowed`;
      if (url.username !== "" || url.password !== "") return "URLs with credentials are not allowed";
      if (origins.has(url.origin)) return null;
      if (normalisedPrefixes.some((prefix) => url.href.startsWith(prefix))) return null;
      return `${url.origin} is not a log source named by the manifest or --allow-source`;
    },
  };
}
