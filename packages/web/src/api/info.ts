/** /api/info: facts about this server the header states ("open access", who is signed in). */
import { useQuery } from "@tanstack/react-query";
import { apiFetch, apiUrl, setCsrfToken } from "./http.js";
import { keys } from "./keys.js";
import type { ServerInfo } from "./types.js";

export function useServerInfo() {
  return useQuery({
    queryKey: keys.info,
    queryFn: async ({ signal }) => {
      const info = await apiFetch<ServerInfo>(apiUrl("/info"), { signal });
      setCsrfToken(info.csrfToken);
      return info;
    },
    staleTime: Number.POSITIVE_INFINITY,
  });
}
