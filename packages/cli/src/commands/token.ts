/**
 * `loupe token create|list|revoke`: API tokens for scripts, uploads and metrics scrapers
 * (docs/deploy.md, "Sign-in and API tokens"). A new token is printed once, alone on stdout, so that
 * `TOKEN=$(loupe token create …)` captures it; everything else goes to stderr.
 */
import { parseArgs } from "node:util";
import type { ApiTokenRecord } from "@loupe/server";
import { withUsage } from "../parse-command-args.js";
import { CommandFailure, UsageError } from "../usage-error.js";

export const tokenUsage = `loupe token create --name NAME --scope read|ingest [--scope …] [--db PATH | --database-url URL]
  loupe token list [--db PATH | --database-url URL]
  loupe token revoke ID [--db PATH | --database-url URL]`;

export const TOKEN_HELP = `usage: ${tokenUsage}

API tokens let scripts call Loupe's API when sign-in is configured: send one as the header
'Authorization: Bearer loupe_…'. A token is shown once, when created; Loupe stores only its SHA-256 hash.

  create                 prints the new token alone on stdout (its id and scopes on stderr)
  list                   every token: id, name, scopes, when created and last used, revoked or not
  revoke ID              refuses the token from now on, in every process (idempotent)

  --name NAME            who or what uses the token, e.g. "grafana" or "upload from backend-eu"
  --scope read|ingest    read: every /api route, /metrics and /docs; ingest: uploading logs and
                         registering connections. Repeatable; at least one
  --db PATH              SQLite database file (env LOUPE_DB; default ./data/loupe.db)
  --database-url URL     PostgreSQL instead, postgres://… (env LOUPE_DATABASE_URL)
  -h, --help             this text

Exit status: 0 done, 2 a mistake in the command (unknown scope, unknown id, no such database file),
1 anything else (e.g. the database cannot be reached).
`;

const OPTIONS = {
  name: { type: "string" },
  scope: { type: "string", multiple: true },
  db: { type: "string" },
  "database-url": { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

export async function tokenCommand(args: readonly string[]): Promise<void> {
  const { values, positionals } = withUsage(tokenUsage, () =>
    parseArgs({ args: [...args], options: OPTIONS, allowPositionals: true, strict: true }),
  );
  if (values.help === true) {
    process.stdout.write(TOKEN_HELP);
    return;
  }
  const server = await import("@loupe/server");
  const [action, ...rest] = positionals;
  const run = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof server.TokenInputError || error instanceof server.ConfigError)
        throw new UsageError(error.message);
      if (server.isDatabaseUnavailable(error))
        throw new CommandFailure(`cannot reach the database: ${(error as Error).message}`, { cause: error });
      throw error;
    }
  };
  const database = await run(async () => server.databaseConfig(values));
  const onlyWith = (allowed: readonly string[]) => {
    for (const flag of ["name", "scope"] as const) {
      if (values[flag] !== undefined && !allowed.includes(flag))
        throw new UsageError(`--${flag} is for loupe token create\nusage: ${tokenUsage}`);
    }
  };

  if (action === "create" && rest.length === 0) {
    const { token, record } = await run(() =>
      server.createApiToken(database, { name: values.name, scopes: values.scope ?? [] }),
    );
    process.stdout.write(`${token}\n`);
    process.stderr.write(
      `created API token ${record.id} '${record.name}' (scopes: ${record.scopes.join(", ")}).\n` +
        "It is shown only this once: store it now (Loupe keeps only its hash).\n",
    );
    return;
  }
  if (action === "list" && rest.length === 0) {
    onlyWith([]);
    const tokens = await run(() => server.listApiTokens(database));
    process.stdout.write(tokens.length === 0 ? "no API tokens\n" : formatTokens(tokens));
    return;
  }
  if (action === "revoke" && rest.length === 1) {
    onlyWith([]);
    const idText = rest[0] ?? "";
    if (!/^\d+$/.test(idText) || !Number.isSafeInteger(Number(idText)))
      throw new UsageError(`expected a token id (see loupe token list), got '${idText}'`);
    const { record, alreadyRevoked } = await run(() => server.revokeApiToken(database, Number(idText)));
    process.stdout.write(
      alreadyRevoked
        ? `API token ${record.id} '${record.name}' was already revoked (${moment(record.revokedAt)})\n`
        : `revoked API token ${record.id} '${record.name}'\n`,
    );
    return;
  }
  throw new UsageError(`usage: ${tokenUsage}`);
}

function moment(epochMs: number | null): string {
  return epochMs === null ? "never" : `${new Date(epochMs).toISOString().slice(0, 16).replace("T", " ")}Z`;
}

/** A table with aligned columns; the secret is never there (Loupe does not have it). */
export function formatTokens(tokens: readonly ApiTokenRecord[]): string {
  const rows = [
    ["ID", "NAME", "SCOPES", "CREATED", "LAST USED", "STATUS"],
    ...tokens.map((t) => [
      String(t.id),
      t.name,
      t.scopes.join(","),
      moment(t.createdAt),
      moment(t.lastUsedAt),
      t.revokedAt === null ? "active" : `revoked ${moment(t.revokedAt)}`,
    ]),
  ];
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
        .join("  "),
    )
    .join("\n")
    .concat("\n");
}
