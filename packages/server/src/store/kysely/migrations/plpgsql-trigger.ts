/**
 * The PostgreSQL trigger functions of migration 005. Their statements are point lookups by index, and
 * PL/pgSQL caches their plans: a plan made while a table was small, or freshly analyzed as empty (a new
 * database), scans it sequentially for the rest of the session; completing 2,000 logs read 187 million
 * hit rows that way (10.6 ms a log). Sequential scans are off inside the functions, so every plan stays on
 * the indexes whatever the statistics say.
 */
export function plpgsqlTrigger(name: string, statements: readonly string[], returns = "null"): string {
  return `create function ${name}() returns trigger language plpgsql set enable_seqscan = off as $$
    begin ${statements.join(";\n")}; return ${returns}; end $$`;
}
