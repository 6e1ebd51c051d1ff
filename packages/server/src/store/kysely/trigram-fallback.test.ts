import { randomBytes } from "node:crypto";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { connectionInput } from "../../test-support/connection-fixture.js";
import { createStore } from "./create-store.js";

const adminUrl = process.env.LOUPE_TEST_DATABASE_URL;

async function asAdmin(url: string, statements: readonly string[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

describe.skipIf(adminUrl === undefined || adminUrl === "")(
  "pg_trgm without the privilege to create it",
  () => {
    it("migrates anyway, with a btree index, and search still works", async (context) => {
      const admin = adminUrl as string;
      const suffix = randomBytes(6).toString("hex");
      const role = `loupe_limited_${suffix}`;
      const database = `loupe_limited_${suffix}`;
      try {
        await asAdmin(admin, [`create role ${role} login`, `create database ${database}`]);
      } catch {
        context.skip("the test database user cannot create roles");
      }
      const databaseAdminUrl = new URL(admin);
      databaseAdminUrl.pathname = `/${database}`;
      // Tables in public, but no CREATE on the database: CREATE EXTENSION (even a trusted one) is refused.
      await asAdmin(databaseAdminUrl.toString(), [`grant usage, create on schema public to ${role}`]);
      const limitedUrl = new URL(databaseAdminUrl);
      limitedUrl.username = role;
      limitedUrl.password = "";
      const store = await createStore({ databaseUrl: limitedUrl.toString() });
      try {
        await store.migrate();
        expect(await store.ready()).toBe(true);
        await store.importConnections([
          connectionInput(1, { username: "Noah@Example.com" }),
          connectionInput(2),
        ]);
        expect(
          (await store.listConnections({ limit: 10, q: "NOAH" })).items.map((row) => row.connectionId),
        ).toEqual([1]);

        const client = new pg.Client({ connectionString: databaseAdminUrl.toString() });
        await client.connect();
        const { rows } = await client.query<{ indexdef: string }>(
          "select indexdef from pg_indexes where indexname = 'connections_username_idx'",
        );
        const { rows: extensions } = await client.query(
          "select 1 from pg_extension where extname = 'pg_trgm'",
        );
        await client.end();
        expect(rows[0]?.indexdef).toMatch(/USING btree \(username_lower\)/);
        expect(extensions).toHaveLength(0);
      } finally {
        await store.close();
        await asAdmin(admin, [
          `drop database if exists ${database} with (force)`,
          `drop role if exists ${role}`,
        ]);
      }
    });
  },
);
