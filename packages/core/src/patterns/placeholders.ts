/**
 * The placeholders that stand for the variable parts of a message in a template.
 *
 * | placeholder  | stands for                                                    | example              |
 * | ------------ | ------------------------------------------------------------- | -------------------- |
 * | `<num>`      | a decimal number (sign, decimals, version dots, `%e` exponent) | `-1`, `0.047914`     |
 * | `<hex>`      | a hexadecimal value: `0x…`, or 6–15 hex digits mixing digits and letters | `887A0022`  |
 * | `<id>`       | an identifier: UUID, ≥ 16 hex digits, hyphen-joined hex (`e2cd777-1B1D1F08`), long random alphanumerics | `1A32D5BE58D317FF` |
 * | `<ip>`       | an IPv4 or IPv6 address                                       | `198.51.100.23`, `fe80::1` |
 * | `<ip:port>`  | an address with its port                                      | `198.51.100.23:32262`, `[::1]:80` |
 * | `<path>`     | a Windows or POSIX file path                                  | `C:\ProgramData\x`, `/var/log/x` |
 * | `<url>`      | a URL with a scheme                                           | `https://bucket.example/a.txt` |
 * | `<email>`    | an e-mail address                                             | `noah@example.com`   |
 * | `<str>`      | a quoted string, quotes included                              | `'x'`, `"a b"`       |
 *
 * They are written in angle brackets so that masking a template again leaves it unchanged, and a reader
 * tells them apart from the message's own words at a glance.
 */
export const PLACEHOLDER = {
  number: "<num>",
  hex: "<hex>",
  id: "<id>",
  ip: "<ip>",
  ipPort: "<ip:port>",
  path: "<path>",
  url: "<url>",
  email: "<email>",
  string: "<str>",
} as const;

export type Placeholder = (typeof PLACEHOLDER)[keyof typeof PLACEHOLDER];
