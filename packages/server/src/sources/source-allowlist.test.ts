import { describe, expect, it } from "vitest";
import { createSourceAllowlist } from "./source-allowlist.js";

describe("source allowlist", () => {
  const allow = createSourceAllowlist(["https://logs.example.com/fleet/"]);
  allow.trustManifestUrls(["http://127.0.0.1:8080/demo-bucket/client1.txt", null, "not a url"]);
  const check = (u: string) => allow.check(new URL(u));

  it("trusts the manifest's own origins, loopback included", () => {
    expect(check("http://127.0.0.1:8080/demo-bucket/other.txt")).toBeNull();
  });

  it("allows --allow-source prefixes and nothing beside them", () => {
    expect(check("https://logs.example.com/fleet/server1.txt")).toBeNull();
    expect(check("https://logs.example.com/other/server1.txt")).toMatch(/not a log source/);
    expect(check("https://logs.example.com.evil.test/fleet/x")).toMatch(/not a log source/);
  });

  it("refuses other loopback ports, metadata addresses, other schemes and credentials", () => {
    expect(check("http://127.0.0.1:9999/x")).toMatch(/not a log source/);
    expect(check("http://169.254.169.254/latest/meta-data/")).toMatch(/not a log source/);
    expect(check("file:///etc/passwd")).toMatch(/scheme file:/);
    expect(check("http://user:pw@127.0.0.1:8080/demo-bucket/x")).toMatch(/credentials/);
  });
});
