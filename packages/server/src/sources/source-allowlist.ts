/**
 * Which URLs logs may be fetched from (product.md, "Trust"; docs/deploy.md, "Fetch safety"). Checked for
 * every URL and every redirect hop, by every download (ingestion, refetch, the raw viewer), before
 * anything is contacted:
 *
 * - Only http(s), without credentials in the URL.
 * - The URL must be one the operator named: an origin of their own manifest (loopback included: the demo
 *   bucket is trusted that way) or an `--allow-source` prefix. Anything else is refused whatever its host
 *   is or resolves to, without even a DNS query; when the host is an IP literal of a loopback, private,
 *   link-local or metadata address, the reason names that rule.
 * - A named IP literal is allowed as written: the operator chose that very address.
 * - A named host *name* may resolve to public, private or loopback addresses (an office bucket, minio on
 *   localhost), but never to link-local, cloud-metadata, unspecified, multicast or reserved ones: no log
 *   store lives there, and a name that suddenly points there is DNS rebinding. The connection's own lookup
 *   enforces this (vetted-lookup.ts), so the address checked is the address connected to.
 */
import type { LookupFunction } from "node:net";
import type { CheckUrl, UrlVerdict } from "../ingest/index.js";
import { type AddressClass, type AddressKind, classifyAddress } from "./address-ranges.js";
import { vettedLookup } from "./vetted-lookup.js";

export interface SourceAllowlist {
  /** Trusts the origins of these URLs (an operator's manifest). */
  trustManifestUrls(urls: Iterable<string | null>): void;
  /** The origins trusted so far (to hand the same trust to another thread). */
  trustedOrigins(): string[];
  readonly check: CheckUrl;
}

export interface SourceAllowlistOptions {
  /** Resolves host names when connecting; default: the system's (dns.lookup). Tests inject answers. */
  readonly resolve?: LookupFunction;
}

/** Kinds of address a named host name may resolve to. */
const NAMED_HOST_MAY_REACH = new Set<AddressKind>(["public", "private", "loopback"]);

const NOT_NAMED = "not a log source named by the manifest or --allow-source";

export function createSourceAllowlist(
  prefixes: readonly string[],
  options: SourceAllowlistOptions = {},
): SourceAllowlist {
  const origins = new Set<string>();
  const normalisedPrefixes = prefixes.map((p) => new URL(p).href);
  const lookup = vettedLookup(namedHostRule, options.resolve);
  const allow: UrlVerdict = { allowed: true };
  const allowVetted: UrlVerdict = { allowed: true, lookup };
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
        return refuse(`scheme ${url.protocol} is not allowed`);
      if (url.username !== "" || url.password !== "") return refuse("URLs with credentials are not allowed");
      const literal = classifyAddress(url.hostname);
      const named =
        origins.has(url.origin) || normalisedPrefixes.some((prefix) => url.href.startsWith(prefix));
      if (!named) {
        return refuse(
          literal === undefined || literal.kind === "public"
            ? `${url.origin} is ${NOT_NAMED}`
            : `${literal.address} is ${literal.description}, and ${url.origin} is ${NOT_NAMED}`,
        );
      }
      return literal === undefined ? allowVetted : allow;
    },
  };
}

function namedHostRule(address: AddressClass): string | null {
  if (NAMED_HOST_MAY_REACH.has(address.kind)) return null;
  return `${address.description}, which a host name may not lead to (only an --allow-source or manifest URL naming that very address may)`;
}

function refuse(reason: string): UrlVerdict {
  return { allowed: false, reason };
}
