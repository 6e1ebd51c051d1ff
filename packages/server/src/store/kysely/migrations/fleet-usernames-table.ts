/**
 * Migration 005, part 2. `fleet_usernames`: each distinct (lower-cased) username with how many
 * connections carry it, kept by triggers on `connections`. "How many users" is then a count of a table
 * of users instead of a distinct count over every connection (1.4–1.8 s at 1,000,000 on PostgreSQL).
 */
import { type Kysely, sql } from "kysely";
import type { DialectName } from "../database.js";
import { plpgsqlTrigger } from "./plpgsql-trigger.js";

export const FLEET_USERNAMES = "fleet_usernames";

const add = (name: string) =>
  `insert into ${FLEET_USERNAMES} (username_lower, connections) select ${name}, 1 where ${name} is not null
    on conflict (username_lower) do update set connections = ${FLEET_USERNAMES}.connections + 1`;
const remove = (name: string) => [
  `update ${FLEET_USERNAMES} set connections = connections - 1 where username_lower = ${name}`,
  `delete from ${FLEET_USERNAMES} where username_lower = ${name} and connections <= 0`,
];

/** Every username from scratch (the migration; bulk loads that wrote with triggers off). */
export function fillFleetUsernames(): string[] {
  return [
    `delete from ${FLEET_USERNAMES}`,
    `insert into ${FLEET_USERNAMES} (username_lower, connections)
      select username_lower, count(*) from connections where username_lower is not null group by username_lower`,
  ];
}

export async function createFleetUsernames(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable(FLEET_USERNAMES)
    .addColumn("username_lower", "text", (col) => col.primaryKey())
    .addColumn("connections", "bigint", (col) => col.notNull())
    .execute();
  for (const statement of fillFleetUsernames()) await sql.raw(statement).execute(db);

  const triggers = [
    ["insert", "after insert on connections", "true", [add("new.username_lower")]],
    [
      "update",
      "after update of username_lower on connections",
      "old.username_lower is distinct from new.username_lower",
      [...remove("old.username_lower"), add("new.username_lower")],
    ],
    ["delete", "after delete on connections", "true", remove("old.username_lower")],
  ] as const;
  for (const [name, event, when, body] of triggers) {
    if (dialect === "sqlite") {
      // SQLite spells "is distinct from" as "is not".
      const condition = when.replace("is distinct from", "is not");
      await sql
        .raw(`create trigger connections_fleet_usernames_${name} ${event} when ${condition}
          begin ${body.join(";\n")}; end`)
        .execute(db);
      continue;
    }
    await sql.raw(plpgsqlTrigger(`loupe_fleet_usernames_${name}`, body)).execute(db);
    await sql
      .raw(`create trigger connections_fleet_usernames_${name} ${event} for each row when (${when})
        execute function loupe_fleet_usernames_${name}()`)
      .execute(db);
  }
}
