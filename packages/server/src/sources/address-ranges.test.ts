import { describe, expect, it } from "vitest";
import { classifyAddress } from "./address-ranges.js";

const kindOf = (address: string) => classifyAddress(address)?.kind;

describe("classifyAddress", () => {
  it.each([
    ["8.8.8.8", "public"],
    ["52.237.153.167", "public"],
    ["2606:4700::1111", "public"],
    ["[2a00:1450:4001::200e]", "public"],
    ["127.0.0.1", "loopback"],
    ["127.200.0.9", "loopback"],
    ["::1", "loopback"],
    ["[::1]", "loopback"],
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["192.168.1.1", "private"],
    ["100.64.0.1", "private"],
    ["fc00::1", "private"],
    ["fd12:3456::1", "private"],
    ["169.254.1.1", "link-local"],
    ["fe80::1", "link-local"],
    ["169.254.169.254", "metadata"],
    ["169.254.170.2", "metadata"],
    ["100.100.100.200", "metadata"],
    ["fd00:ec2::254", "metadata"],
    ["fd00:ec2:0::254", "metadata"],
    ["0.0.0.0", "unspecified"],
    ["0.1.2.3", "unspecified"],
    ["::", "unspecified"],
    ["224.0.0.1", "multicast"],
    ["ff02::1", "multicast"],
    ["255.255.255.255", "reserved"],
    ["192.0.2.1", "reserved"],
    ["240.0.0.1", "reserved"],
    ["2001:db8::1", "reserved"],
    // IPv4-compatible (deprecated), 6to4 and Teredo: nothing a log store uses.
    ["::7f00:1", "reserved"],
    ["2002:7f00:1::", "reserved"],
    ["2001::1", "reserved"],
  ])("%s is %s", (address, kind) => {
    expect(kindOf(address)).toBe(kind);
  });

  it("judges IPv4 inside IPv6 (mapped, SIIT, NAT64) as the IPv4 address it reaches", () => {
    expect(classifyAddress("::ffff:127.0.0.1")).toMatchObject({ kind: "loopback", address: "127.0.0.1" });
    expect(classifyAddress("[::ffff:7f00:1]")).toMatchObject({ kind: "loopback", address: "127.0.0.1" });
    expect(classifyAddress("::ffff:a9fe:a9fe")).toMatchObject({
      kind: "metadata",
      address: "169.254.169.254",
    });
    expect(kindOf("::ffff:0:10.0.0.1")).toBe("private");
    expect(kindOf("64:ff9b::169.254.169.254")).toBe("metadata");
    expect(kindOf("64:ff9b::8.8.8.8")).toBe("public");
  });

  it("says when it is given a host name, not an address", () => {
    expect(classifyAddress("logs.example.com")).toBeUndefined();
    expect(classifyAddress("localhost")).toBeUndefined();
    expect(classifyAddress("")).toBeUndefined();
  });

  it("describes the kind for messages", () => {
    expect(classifyAddress("169.254.169.254")?.description).toBe("a cloud metadata address");
    expect(classifyAddress("10.0.0.1")?.description).toBe("a private address");
  });
});
