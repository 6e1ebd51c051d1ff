/**
 * fleetUsers: how many people the fleet's connections belong to, i.e. distinct usernames across every
 * connection (whatever state its logs are in), compared case-insensitively as search and the patterns'
 * `users` do; connections without a username count for no one. Read from `fleet_usernames` (one row per
 * username, kept by triggers: migrations/fleet-usernames-table.ts) rather than counted over connections.
 */
import type { StoreContext } from "./database.js";

export async function fleetUsers({ db }: StoreContext): Promise<number> {
  const row = await db
    .selectFrom("fleet_usernames")
    .select((eb) => eb.fn.countAll<number | string>().as("users"))
    .executeTakeFirstOrThrow();
  // PostgreSQL's count is a bigint, which pg returns as a string.
  return Number(row.users);
}
