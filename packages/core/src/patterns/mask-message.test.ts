import { describe, expect, it } from "vitest";
import { maskMessage } from "./mask-message.js";

/** Each row: [message, expected template]. Expectations are written by hand from the rules. */
type Case = readonly [string, string];

function expectTemplates(cases: readonly Case[]): void {
  for (const [message, template] of cases) expect(maskMessage(message), message).toBe(template);
}

describe("maskMessage: the examples from the issue", () => {
  it("groups packets that differ only in their number", () => {
    const a = maskMessage("Could not decode packet 4411, requesting iframe");
    const b = maskMessage("Could not decode packet 97, requesting iframe");
    expect(a).toBe("Could not decode packet <num>, requesting iframe");
    expect(b).toBe(a);
  });

  it("keeps messages with different words apart", () => {
    expect(maskMessage("Failed to connect")).not.toBe(maskMessage("Failed to send"));
    expect(maskMessage("Failed to connect")).toBe("Failed to connect");
  });
});

describe("maskMessage: numbers", () => {
  it("masks integers, signs, floats, versions and C exponents", () => {
    expectTemplates([
      ["Unexpected Packet Error: 997", "Unexpected Packet Error: <num>"],
      ["Ret TCP = -1", "Ret TCP = <num>"],
      ["Bad ID? -1 instead of 8", "Bad ID? <num> instead of <num>"],
      ["gain +5 dB", "gain <num> dB"],
      ["Latency: 0.036490", "Latency: <num>"],
      ["value 1.500000e+05 and 2E-3", "value <num> and <num>"],
      ["Windows 10.0.19041 build", "Windows <num> build"],
      ["error 42.", "error <num>."],
      [
        "Waiting for client to connect to localhost:32262...",
        "Waiting for client to connect to localhost:<num>...",
      ],
    ]);
  });

  it("treats a hyphen between numbers as a separator, not a sign", () => {
    expectTemplates([
      ["range 10-20", "range <num>-<num>"],
      ["date 2020-05-15 at 21:55:46.706", "date <num>-<num>-<num> at <num>:<num>:<num>"],
    ]);
  });

  it("keeps units and masks both sides of dimensions", () => {
    expectTemplates([
      ["Took 180.844100ms total!", "Took <num>ms total!"],
      ["Creating renderer for 3200x1800 display", "Creating renderer for <num>x<num> display"],
      ["Found Resolution: 0x0", "Found Resolution: <num>x<num>"],
      ["From -1x-1 to 2560x1440", "From <num>x<num> to <num>x<num>"],
      ["mode 1080p60", "mode <num>p<num>"],
      ["HTTP/1.1 200 OK", "HTTP/<num> <num> OK"],
    ]);
  });
});

describe("maskMessage: names of code stay literal", () => {
  it("keeps words that merely contain digits", () => {
    const names = "SDL2 utf8 x264 h264 D3D11 NVIDIA Tesla M60 IDXGIFactory1 ID3D11DeviceContext1 fe80 face";
    expect(maskMessage(names)).toBe(names);
  });

  it("masks a number after an underscore, which separates words", () => {
    expectTemplates([
      ["frame_0042 dropped", "frame_<num> dropped"],
      ["set_clipboard failed", "set_clipboard failed"],
    ]);
  });
});

describe("maskMessage: hex and ids", () => {
  it("masks hex values", () => {
    expectTemplates([
      ["Could not GetDisplayModeList: 887A0022", "Could not GetDisplayModeList: <hex>"],
      ["hr=0x80070005", "hr=<hex>"],
      ["flags 0x1F", "flags <hex>"],
      ["commit e2cd777", "commit <hex>"],
    ]);
  });

  it("leaves short or mixed-case hex-looking words alone", () => {
    expectTemplates([["abc12 DeadBeef01 deadbeef", "abc12 DeadBeef01 deadbeef"]]);
  });

  it("masks version hashes, UUIDs and random tokens as ids", () => {
    expectTemplates([
      ["version 1A32D5BE58D317FF", "version <id>"],
      ["version e2cd777-1B1D1F08", "version <id>"],
      ["session 123e4567-e89b-12d3-a456-426614174000 ended", "session <id> ended"],
      ["instance i-0a1b2c3d4e5f67890", "instance i-<id>"],
      ["token a8Fk29dLq0PzXw7B3", "token <id>"],
    ]);
  });
});

describe("maskMessage: quoted strings", () => {
  it("masks single- and double-quoted strings", () => {
    expectTemplates([
      ["Could not open 'settings.json'", "Could not open <str>"],
      ["Unknown key \"a b\" in section 'x'", "Unknown key <str> in section <str>"],
      ["Can't find 'it's here' now", "Can't find <str> now"],
    ]);
  });

  it("leaves apostrophes and unmatched quotes alone", () => {
    expectTemplates([
      ["don't stop", "don't stop"],
      ["quote ' alone", "quote ' alone"],
    ]);
  });
});

describe("maskMessage: whitespace and placeholders", () => {
  it("collapses runs of whitespace and trims the ends", () => {
    expect(maskMessage("  a \t b\r\n c\u00a0 ")).toBe("a b c");
  });

  it("keeps placeholders as they are", () => {
    const template = "<num> <hex> <id> <ip> <ip:port> <path> <url> <email> <str> <num>x<num>";
    expect(maskMessage(template)).toBe(template);
  });

  it("returns an empty template for an empty or blank message", () => {
    expect(maskMessage("")).toBe("");
    expect(maskMessage(" \t ")).toBe("");
  });
});
