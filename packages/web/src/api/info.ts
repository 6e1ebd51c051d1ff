/** /api/info: facts about this server the header states ("open access"). */
import { useQuery } from "@tanstack/react-query";
import { apiFetch, apiUrl } from "./http.js";
import { keys } from "./keys.js";
import type { ServerInfo } from "./types.js";

export function useServerInfo() {
  return useQuery({
    queryKey: keys.info,
    queryFn: ({ signal }) => apiFetch<ServerInfo>(apiUrl("/info"), { signal }),
    staleTime: Number.POSITIVE_INFINITY,
  });
}
