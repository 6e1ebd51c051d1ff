/**
 * What kind of network an IP address belongs to, for the fetch-safety rules (source-allowlist.ts).
 * Range tables come from ipaddr.js (IANA's special-purpose registries), not from CIDR code of our own;
 * this module only adds what it leaves to the caller: IPv4 carried inside IPv6 (mapped, NAT64) is judged
 * as the IPv4 address it reaches, and the cloud providers' metadata addresses are named as such.
 */
import ipaddr from "ipaddr.js";

export type AddressKind =
  /** Globally routed unicast: what an object store on the internet has. */
  | "public"
  | "loopback"
  /** RFC 1918, carrier-grade NAT (100.64/10), unique local (fc00::/7). */
  | "private"
  | "link-local"
  /** Instance metadata services, which hand out cloud credentials: the SSRF target. */
  | "metadata"
  | "unspecified"
  | "multicast"
  /** Broadcast, documentation, benchmarking, tunnels, unallocated: nothing a log store uses. */
  | "reserved";

export interface AddressClass {
  readonly kind: AddressKind;
  /** The address as the rules name it: IPv4 inside IPv6 is shown as its IPv4. */
  readonly address: string;
  /** For messages: "a loopback address", "a cloud metadata address", … */
  readonly description: string;
}

/** AWS (IMDS, ECS, EKS Pod Identity), GCP, Azure, Oracle, DigitalOcean; Alibaba; AWS over IPv6. */
const METADATA = new Set(["169.254.169.254", "169.254.170.2", "169.254.170.23", "100.100.100.200"]);
const METADATA_V6 = ["fd00:ec2::254", "fd00:ec2::23"].map((a) => ipaddr.IPv6.parse(a).toNormalizedString());

/** Only 2000::/3 is allocated as global unicast; ipaddr.js calls anything it has no name for "unicast". */
const GLOBAL_UNICAST_V6 = ipaddr.IPv6.parseCIDR("2000::/3");

const DESCRIPTIONS: Record<AddressKind, string> = {
  public: "a public address",
  loopback: "a loopback address",
  private: "a private address",
  "link-local": "a link-local address",
  metadata: "a cloud metadata address",
  unspecified: "an unspecified address",
  multicast: "a multicast address",
  reserved: "a reserved address",
};

/**
 * The class of `text` if it is an IP address (IPv6 with or without brackets), undefined for a host name.
 * Only canonical spellings are expected here: WHATWG URL parsing already turns http://2130706433/ and
 * http://0x7f.1/ into 127.0.0.1, and DNS answers are canonical.
 */
export function classifyAddress(text: string): AddressClass | undefined {
  const bare = text.startsWith("[") && text.endsWith("]") ? text.slice(1, -1) : text;
  if (!ipaddr.isValid(bare)) return undefined;
  const parsed = ipaddr.parse(bare);
  return parsed.kind() === "ipv4" ? classifyV4(parsed as ipaddr.IPv4) : classifyV6(parsed as ipaddr.IPv6);
}

function classifyV4(ip: ipaddr.IPv4): AddressClass {
  const address = ip.toString();
  return result(METADATA.has(address) ? "metadata" : v4Kind(ip.range()), address);
}

function v4Kind(range: string): AddressKind {
  switch (range) {
    case "unicast":
      return "public";
    case "loopback":
      return "loopback";
    case "private":
    case "carrierGradeNat":
      return "private";
    case "linkLocal":
      return "link-local";
    case "unspecified":
      return "unspecified";
    case "multicast":
      return "multicast";
    default:
      return "reserved";
  }
}

function classifyV6(ip: ipaddr.IPv6): AddressClass {
  const range = ip.range();
  // ::ffff:a.b.c.d, ::ffff:0:a.b.c.d and NAT64's 64:ff9b::a.b.c.d reach the IPv4 address they carry.
  if (range === "ipv4Mapped" || range === "rfc6145" || range === "rfc6052") {
    const bytes = ip.toByteArray().slice(12);
    return classifyV4(new ipaddr.IPv4(bytes));
  }
  const address = ip.toString();
  if (METADATA_V6.includes(ip.toNormalizedString())) return result("metadata", address);
  switch (range) {
    case "unicast":
      return result(ip.match(GLOBAL_UNICAST_V6) ? "public" : "reserved", address);
    case "loopback":
      return result("loopback", address);
    case "uniqueLocal":
      return result("private", address);
    case "linkLocal":
      return result("link-local", address);
    case "unspecified":
      return result("unspecified", address);
    case "multicast":
      return result("multicast", address);
    default:
      return result("reserved", address);
  }
}

function result(kind: AddressKind, address: string): AddressClass {
  return { kind, address, description: DESCRIPTIONS[kind] };
}
