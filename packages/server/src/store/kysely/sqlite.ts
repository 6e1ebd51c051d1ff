/**
 * SQLite through better-sqlite3. Two deviations from Kysely's stock dialect, both for several processes
 * sharing one file: transactions start with BEGIN IMMEDIATE (a deferred transaction that reads and then
 * writes can fail with SQLITE_BUSY at once, without waiting for busy_timeout), and the adapter declares
 * transactional DDL (SQLite has it), so the Migrator runs migrations inside such a transaction: that
 * write lock is the migration lock.
 */
import { resolve } from "node:path";
import Database from "better-sqlite3";
import {
  CompiledQuery,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
  Kysely,
  SqliteAdapter,
  type SqliteDatabase,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
} from "kysely";
import type { LocalWrites } from "./data-generation.js";
import type { Database as Schema } from "./database.js";
import { SQLITE_PACK_FUNCTION, sqlitePackAggregate } from "./packed-values.js";

/** Address space mapped for reads (not memory used: the OS pages in what is touched). */
const MMAP_BYTES = 4 * 1024 * 1024 * 1024;
/** SQLite's own page cache per connection. */
const CACHE_KIB = 64 * 1024;

/** How long a writer waits for another process's write lock before giving up. */
const BUSY_TIMEOUT_MS = 10_000;

class ImmediateTransactionDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}

class TransactionalDdlAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class LoupeSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateTransactionDriver(this.#config);
  }

  override createAdapter(): DialectAdapter {
    return new TransactionalDdlAdapter();
  }
}

export interface SqliteHandle {
  readonly db: Kysely<Schema>;
  readonly localWrites: LocalWrites;
  /** Closes the file once the last store of this process that opened it lets go. */
  release(): Promise<void>;
}

interface SharedFile {
  readonly db: Kysely<Schema>;
  readonly localWrites: LocalWrites;
  users: number;
}

const openFiles = new Map<string, SharedFile>();
let memoryDatabases = 0;

/**
 * One connection per file per process, shared by every store that opens it. better-sqlite3 blocks the
 * thread: a second connection of the same process waiting (busy_timeout) for a write lock held by the
 * first would stop the very event loop the first needs to commit. Kysely queues users of one connection
 * instead. Separate processes each have their own connection and wait for each other properly.
 */
export function openSqlite(path: string): SqliteHandle {
  // Every ":memory:" connection is its own database: never shared.
  const key = path === ":memory:" ? `:memory:#${++memoryDatabases}` : resolve(path);
  let shared = openFiles.get(key);
  if (shared === undefined) {
    shared = { db: connect(path), localWrites: { count: 0 }, users: 0 };
    openFiles.set(key, shared);
  }
  shared.users++;
  const file = shared;
  let released = false;
  return {
    db: file.db,
    localWrites: file.localWrites,
    async release() {
      if (released) return;
      released = true;
      file.users--;
      if (file.users > 0) return;
      openFiles.delete(key);
      await file.db.destroy();
    },
  };
}

/** Prepared statements kept per SQL text, least recently used dropped first. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * The database as Kysely's driver uses it (prepare and close), reusing prepared statements: the driver
 * prepares every query anew, and preparing compiles the statement with every trigger it fires. Writing a
 * log's patterns fires migration 005's triggers and their triggers: completing a log took 2.3–2.6 ms
 * with recompiling, 1.8–1.9 ms without (bench/write-cost.mjs). A statement recompiles itself when the
 * schema changes. Nothing here streams rows (a cached statement still iterating could not run again).
 */
function withStatementCache(sqlite: Database.Database): SqliteDatabase {
  const statements = new Map<string, Database.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text: string) {
      let statement = statements.get(text);
      if (statement === undefined) {
        statement = sqlite.prepare(text);
        if (statements.size >= STATEMENT_CACHE_SIZE) {
          statements.delete(statements.keys().next().value as string);
        }
      } else statements.delete(text);
      statements.set(text, statement);
      return statement;
    },
  };
}

function connect(path: string): Kysely<Schema> {
  const database = (): Promise<SqliteDatabase> => {
    const sqlite = new Database(path);
    // busy_timeout first: switching to WAL itself needs a lock another process may hold.
    sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("synchronous = NORMAL");
    sqlite.pragma("foreign_keys = ON");
    // Reads through memory maps instead of a read() call per 4 KB page, and a larger page cache: the
    // list and search make scattered reads across a file of ~1 GB at a million connections.
    sqlite.pragma(`mmap_size = ${MMAP_BYTES}`);
    sqlite.pragma(`cache_size = -${CACHE_KIB}`);
    sqlite.aggregate(SQLITE_PACK_FUNCTION, sqlitePackAggregate);
    return Promise.resolve(withStatementCache(sqlite));
  };
  return new Kysely<Schema>({ dialect: new LoupeSqliteDialect({ database }) });
}
