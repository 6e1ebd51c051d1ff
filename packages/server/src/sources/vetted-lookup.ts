/**
 * The DNS lookup a log download connects with: it resolves the host and refuses the connection when any
 * address it resolved to is of a kind the rules forbid. Vetting inside the connection's own lookup, rather
 * than resolving once to check and again to connect, leaves DNS rebinding no gap between the two: the
 * address checked is the address connected to. (IP-literal hosts never reach a lookup: the allowlist
 * judges those from the URL itself.)
 */
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import type { LookupFunction } from "node:net";
import { SOURCE_REFUSED } from "../ingest/fetch-types.js";
import { type AddressClass, classifyAddress } from "./address-ranges.js";

/** Why an address may not be connected to, or null when it may. */
export type AddressRule = (address: AddressClass) => string | null;

/** An error the fetcher recognises by its code: the download ends for good, naming the rule. */
export class SourceRefusedError extends Error {
  readonly code = SOURCE_REFUSED;
}

export function vettedLookup(rule: AddressRule, resolve: LookupFunction = dnsLookup): LookupFunction {
  return (hostname, options, callback) => {
    // All addresses, whatever the caller asked for: one bad answer among good ones is refused too
    // (a name that resolves to both a public and a metadata address is an attack, not a bucket).
    resolve(hostname, { ...options, all: true }, (error, answer, family) => {
      if (error !== null) {
        callback(error, "");
        return;
      }
      const addresses: LookupAddress[] =
        typeof answer === "string" ? [{ address: answer, family: family ?? 0 }] : answer;
      const first = addresses[0];
      if (first === undefined) {
        callback(Object.assign(new Error(`${hostname} resolved to no address`), { code: "ENOTFOUND" }), "");
        return;
      }
      for (const { address } of addresses) {
        const kind = classifyAddress(address);
        const refusal = kind === undefined ? `${address} is not an IP address` : rule(kind);
        if (refusal !== null) {
          callback(new SourceRefusedError(`${hostname} resolves to ${address}: ${refusal}`), "");
          return;
        }
      }
      if (options.all === true) callback(null, addresses);
      else callback(null, first.address, first.family);
    });
  };
}
