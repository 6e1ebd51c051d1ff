import { describe, expect, it } from "vitest";
import { maskMessage } from "./mask-message.js";

/** Each row: [message, expected template]. Expectations are written by hand from the rules. */
type Case = readonly [string, string];

function expectTemplates(cases: readonly Case[]): void {
  for (const [message, template] of cases) expect(maskMessage(message), message).toBe(template);
}

describe("maskMessage: addresses", () => {
  it("masks IPv4 addresses with and without a port", () => {
    expectTemplates([
      [
        "Connected to server on 198.51.100.23:32262! (Private 32262)",
        "Connected to server on <ip:port>! (Private <num>)",
      ],
      ["Client received at 203.0.113.7:55203!", "Client received at <ip:port>!"],
      ["from 10.0.0.1.", "from <ip>."],
      ["range 10.0.0.1-10.0.0.5", "range <ip>-<ip>"],
      ["subnet 10.0.0.0/8", "subnet <ip>/<num>"],
    ]);
  });

  it("does not take five-part or out-of-range dotted numbers for addresses", () => {
    expectTemplates([
      ["not an address 1.2.3.4.5", "not an address <num>"],
      ["nor 999.1.1.1", "nor <num>"],
    ]);
  });

  it("masks IPv6 addresses, bracketed with a port too", () => {
    expectTemplates([
      ["addr fe80::1 and ::1", "addr <ip> and <ip>"],
      ["full 2001:db8:85a3:0:0:8a2e:370:7334", "full <ip>"],
      ["mapped ::ffff:192.0.2.1", "mapped <ip>"],
      ["listening on [2001:db8::1]:443", "listening on <ip:port>"],
    ]);
  });

  it("does not take times or C++ scopes for IPv6", () => {
    expectTemplates([
      ["time 21:55:46", "time <num>:<num>:<num>"],
      ["in std::vector and dead::beef", "in std::vector and dead::beef"],
    ]);
  });
});

describe("maskMessage: paths, URLs, e-mail addresses", () => {
  it("masks Windows paths, with spaces inside them", () => {
    expectTemplates([
      ["Directory: C:\\ProgramData\\FractalCache", "Directory: <path>"],
      ["SET PATH: C:\\ProgramData\\FractalCache\\set_clipboard", "SET PATH: <path>"],
      ["Loading C:\\Program Files (x86)\\Fractal\\FractalClient.exe failed", "Loading <path> failed"],
      ["Device Name: \\\\.\\DISPLAY1", "Device Name: <path>"],
      ["see (C:\\x\\y.txt).", "see (<path>)."],
    ]);
  });

  it("masks POSIX paths", () => {
    expectTemplates([
      ["open /var/log/fractal.log: permission denied", "open <path>: permission denied"],
      ["run ./update.sh now", "run <path> now"],
      ["config ~/.fractal/config.json", "config <path>"],
      ["at /src/main.c:42", "at <path>"],
    ]);
  });

  it("does not take slashes between words for paths", () => {
    expectTemplates([["and/or TCP/IP I/O", "and/or TCP/IP I/O"]]);
  });

  it("masks URLs", () => {
    expectTemplates([
      ["GET https://bucket.example/client1534.txt?x=1 failed", "GET <url> failed"],
      ["see http://a.example/b.", "see <url>."],
      ["(s3://logs/a.txt)", "(<url>)"],
    ]);
  });

  it("masks e-mail addresses", () => {
    expectTemplates([
      ["user noah@example.com logged in", "user <email> logged in"],
      ["<first.last+tag@mail.example.org>", "<<email>>"],
    ]);
  });
});
