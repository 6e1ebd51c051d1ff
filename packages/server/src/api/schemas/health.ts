/** Liveness, readiness and what the page needs to know about this server. */
import { Type } from "typebox";
import { Nullable } from "./common.js";

export const HealthSchema = Type.Object({ status: Type.Literal("ok") });
export const ReadySchema = Type.Object({ status: Type.Literal("ready") });

export const ServerInfoSchema = Type.Object({
  openAccess: Type.Boolean({ description: "No authentication configured (loopback only): the page says so" }),
  userId: Type.String({ description: "Whose bookmarks the API reads and writes" }),
  user: Nullable(
    Type.Object(
      { email: Type.String(), name: Nullable(Type.String()) },
      { description: "The signed-in person; null for open access and API tokens" },
    ),
  ),
  csrfToken: Nullable(
    Type.String({
      description: "Signed-in users: send it as the X-CSRF-Token header on PUT, POST and DELETE; else null",
    }),
  ),
});
