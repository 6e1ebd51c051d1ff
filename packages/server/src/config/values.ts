/** What every part of the configuration shares: its error, its environment, what loopback is. */
import { isIP } from "node:net";

/** A setting that cannot work: refused at start with this message (the CLI exits with status 2). */
export class ConfigError extends Error {}

export type Env = Readonly<Record<string, string | undefined>>;

/** 127.0.0.0/8, ::1 and "localhost": addresses only this machine can reach. */
export function isLoopback(host: string): boolean {
  if (host === "localhost") return true;
  if (isIP(host) === 4) return host.startsWith("127.");
  if (isIP(host) === 6) return host === "::1" || host === "0:0:0:0:0:0:0:1";
  return false;
}
