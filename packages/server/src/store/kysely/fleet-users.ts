/**
 * fleetUsers: how many people the fleet's connections belong to, i.e. distinct usernames across every
 * connection (whatever state its logs are in), compared case-insensitively as search and the patterns'
 * `users` do; connections without a username count for no one.
 */
import { sql } from "kysely";
import type { StoreContext } from "./database.js";

export async function fleetUsers({ db }: StoreContext): Promise<number> {
  const row = await db
    .selectFrom("connections")
    .select(sql<number | string>`count(distinct username_lower)`.as("users"))
    .executeTakeFirstOrThrow();
  // PostgreSQL's count is a bigint, which pg returns as a string.
  return Number(row.users);
}
