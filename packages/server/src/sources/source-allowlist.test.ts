import type { LookupAddress } from "node:dns";
import type { LookupFunction } from "node:net";
import { describe, expect, it } from "vitest";
import type { UrlVerdict } from "../ingest/index.js";
import { createSourceAllowlist } from "./source-allowlist.js";

/** A resolver that answers every name with `addresses`, and counts its calls. */
function fakeResolver(addresses: readonly string[]) {
  const calls: string[] = [];
  const resolve: LookupFunction = (hostname, _options, callback) => {
    calls.push(hostname);
    callback(
      null,
      addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 })),
    );
  };
  return { resolve, calls };
}

/** What the verdict's lookup does for `host`: the addresses it connects to, or the error it fails with. */
function connectTo(verdict: UrlVerdict, host: string, all = false) {
  if (!verdict.allowed || verdict.lookup === undefined) throw new Error("no lookup to call");
  const lookup = verdict.lookup;
  return new Promise<{ error: NodeJS.ErrnoException | null; address: string | LookupAddress[] }>((resolve) =>
    lookup(host, { all }, (error, address) => resolve({ error, address })),
  );
}

describe("source allowlist: which URLs", () => {
  const resolver = fakeResolver(["52.237.153.167"]);
  const allow = createSourceAllowlist(["https://logs.example.com/fleet/"], { resolve: resolver.resolve });
  allow.trustManifestUrls(["http://127.0.0.1:8080/demo-bucket/client1.txt", null, "not a url"]);
  const check = (u: string) => allow.check(new URL(u)) as UrlVerdict;
  const reason = (u: string) => {
    const verdict = check(u);
    return verdict.allowed ? null : verdict.reason;
  };

  it("trusts the manifest's own origins, loopback included, as written", () => {
    expect(check("http://127.0.0.1:8080/demo-bucket/other.txt")).toEqual({ allowed: true });
    // Another spelling of the very same address and port is the same origin once parsed.
    expect(check("http://2130706433:8080/demo-bucket/other.txt")).toEqual({ allowed: true });
  });

  it("allows --allow-source prefixes, connecting through the vetting lookup, and nothing beside them", () => {
    const verdict = check("https://logs.example.com/fleet/server1.txt");
    expect(verdict.allowed && typeof verdict.lookup).toBe("function");
    expect(reason("https://logs.example.com/other/server1.txt")).toMatch(/not a log source/);
    expect(reason("https://logs.example.com.evil.test/fleet/x")).toMatch(/not a log source/);
  });

  it("refuses an unnamed host without resolving it", () => {
    expect(reason("http://rebind.evil.test/x")).toBe(
      "http://rebind.evil.test is not a log source named by the manifest or --allow-source",
    );
    expect(resolver.calls).toEqual([]);
  });

  it.each([
    ["http://127.0.0.1:9999/x", "127.0.0.1 is a loopback address"],
    ["http://[::1]:8080/x", "::1 is a loopback address"],
    ["http://[::ffff:127.0.0.1]:8080/x", "127.0.0.1 is a loopback address"],
    ["http://2130706433/x", "127.0.0.1 is a loopback address"],
    ["http://0x7f.1/x", "127.0.0.1 is a loopback address"],
    ["http://0177.0.0.1/x", "127.0.0.1 is a loopback address"],
    ["http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a cloud metadata address"],
    ["http://[fd00:ec2::254]/latest/meta-data/", "fd00:ec2::254 is a cloud metadata address"],
    ["http://[::ffff:a9fe:a9fe]/", "169.254.169.254 is a cloud metadata address"],
    ["http://10.0.0.5/x", "10.0.0.5 is a private address"],
    ["http://100.64.1.1/x", "100.64.1.1 is a private address"],
    ["http://[fe80::1]/x", "fe80::1 is a link-local address"],
    ["http://0.0.0.0:8080/x", "0.0.0.0 is an unspecified address"],
  ])("refuses %s, naming the rule", (url, rule) => {
    expect(reason(url)).toMatch(new RegExp(`^${rule.replaceAll(".", "\\.")}, and .* is not a log source`));
  });

  it("refuses other schemes and credentials", () => {
    expect(reason("file:///etc/passwd")).toMatch(/scheme file:/);
    expect(reason("http://user:pw@127.0.0.1:8080/demo-bucket/x")).toMatch(/credentials/);
  });
});

describe("source allowlist: which addresses a named host may reach", () => {
  const verdictFor = (addresses: readonly string[]) => {
    const resolver = fakeResolver(addresses);
    const allow = createSourceAllowlist(["http://bucket.internal:9000/"], { resolve: resolver.resolve });
    return { verdict: allow.check(new URL("http://bucket.internal:9000/a.txt")) as UrlVerdict, resolver };
  };

  it.each([["52.237.153.167"], ["10.0.0.5"], ["127.0.0.1"], ["::1"], ["fd12::5"]])(
    "connects to %s (public, private or loopback: an office bucket, minio on localhost)",
    async (address) => {
      const { verdict } = verdictFor([address]);
      expect(await connectTo(verdict, "bucket.internal")).toMatchObject({ error: null, address });
    },
  );

  it.each([
    ["169.254.169.254", "cloud metadata"],
    ["::ffff:169.254.169.254", "cloud metadata"],
    ["fd00:ec2::254", "cloud metadata"],
    ["169.254.10.10", "link-local"],
    ["fe80::1", "link-local"],
    ["0.0.0.0", "unspecified"],
    ["224.0.0.1", "multicast"],
  ])("refuses to connect when the name resolves to %s (%s)", async (address, kind) => {
    const { verdict } = verdictFor([address]);
    const { error } = await connectTo(verdict, "bucket.internal");
    expect(error?.code).toBe("ERR_LOUPE_SOURCE_REFUSED");
    expect(error?.message).toMatch(
      new RegExp(`^bucket\\.internal resolves to ${address}: an? ${kind} address`),
    );
  });

  it("refuses a name with one bad address among good ones, whatever the caller asked for", async () => {
    const { verdict } = verdictFor(["52.237.153.167", "169.254.169.254"]);
    expect((await connectTo(verdict, "bucket.internal", false)).error?.message).toMatch(/169\.254\.169\.254/);
    expect((await connectTo(verdict, "bucket.internal", true)).error?.message).toMatch(/169\.254\.169\.254/);
  });

  it("answers in the shape the caller asked for, resolving once per connection", async () => {
    const { verdict, resolver } = verdictFor(["10.0.0.5", "fd12::5"]);
    expect(await connectTo(verdict, "bucket.internal", true)).toEqual({
      error: null,
      address: [
        { address: "10.0.0.5", family: 4 },
        { address: "fd12::5", family: 6 },
      ],
    });
    expect(await connectTo(verdict, "bucket.internal", false)).toEqual({ error: null, address: "10.0.0.5" });
    expect(resolver.calls).toEqual(["bucket.internal", "bucket.internal"]);
  });
});
