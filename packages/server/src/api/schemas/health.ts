/** Liveness, readiness and what the page needs to know about this server. */
import { Type } from "typebox";

export const HealthSchema = Type.Object({ status: Type.Literal("ok") });
export const ReadySchema = Type.Object({ status: Type.Literal("ready") });

export const ServerInfoSchema = Type.Object({
  openAccess: Type.Boolean({ description: "No authentication configured (loopback only): the page says so" }),
  userId: Type.String({ description: "Whose bookmarks the API reads and writes" }),
});
