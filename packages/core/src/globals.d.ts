// The core runs in any JavaScript runtime (Node, browsers, workers). TextDecoder is a web standard that all
// of them provide; declaring the slice we use keeps DOM and Node typings out of the core on purpose.
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: Uint8Array, options?: { stream?: boolean }): string;
}
