/** A FastifyBaseLogger that keeps what is logged at error level, to check that 5xx answers are logged. */
import type { FastifyBaseLogger } from "fastify";

export interface CapturedLog {
  readonly object: unknown;
  readonly message: unknown;
}

export function captureLogger(): { logger: FastifyBaseLogger; errors: CapturedLog[] } {
  const errors: CapturedLog[] = [];
  const ignore = () => {};
  const make = (bindings: Record<string, unknown>): FastifyBaseLogger => {
    const logger: FastifyBaseLogger = {
      level: "info",
      fatal: ignore,
      error: (object: unknown, message?: unknown) => {
        errors.push({ object: { ...bindings, ...(object as object) }, message });
      },
      warn: ignore,
      info: ignore,
      debug: ignore,
      trace: ignore,
      silent: ignore,
      child: (childBindings: Record<string, unknown>) => make({ ...bindings, ...childBindings }),
    } as unknown as FastifyBaseLogger;
    return logger;
  };
  return { logger: make({}), errors };
}
