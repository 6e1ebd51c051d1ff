// Like the core, this package runs in any JavaScript runtime; declaring the slice of the web platform it
// uses (WebAssembly, atob, TextEncoder) keeps DOM and Node typings out of it on purpose.
declare namespace WebAssembly {
  class Module {
    constructor(bytes: Uint8Array);
  }
  class Instance {
    constructor(module: Module, imports?: Record<string, Record<string, unknown>>);
    readonly exports: Record<string, unknown>;
  }
  class Memory {
    readonly buffer: ArrayBuffer;
  }
}
declare function atob(data: string): string;
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
