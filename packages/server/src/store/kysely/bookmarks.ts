/** Stars, per user. */
import type { StoreContext } from "./database.js";

export async function setBookmark(
  { db }: StoreContext,
  connectionId: number,
  userId: string,
  on: boolean,
  now: number,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const exists = await trx
      .selectFrom("connections")
      .select("connection_id")
      .where("connection_id", "=", connectionId)
      .executeTakeFirst();
    if (exists === undefined) return false;
    if (on) {
      await trx
        .insertInto("bookmarks")
        .values({ connection_id: connectionId, user_id: userId, created_at: now })
        .onConflict((conflict) => conflict.columns(["connection_id", "user_id"]).doNothing())
        .execute();
    } else {
      await trx
        .deleteFrom("bookmarks")
        .where("connection_id", "=", connectionId)
        .where("user_id", "=", userId)
        .execute();
    }
    return true;
  });
}
