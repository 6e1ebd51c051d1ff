export { maskMessage } from "./mask-message.js";
export type { PatternCounterOptions, PatternStats } from "./pattern-counter.js";
export {
  DEFAULT_MAX_PATTERNS,
  MAX_EXAMPLE_LENGTH,
  MAX_TEMPLATE_LENGTH,
  OTHER_TEMPLATE,
  PatternCounter,
} from "./pattern-counter.js";
export { patternId } from "./pattern-id.js";
export type { Placeholder } from "./placeholders.js";
export { PLACEHOLDER } from "./placeholders.js";
export { isProblemLevel } from "./problem-level.js";
