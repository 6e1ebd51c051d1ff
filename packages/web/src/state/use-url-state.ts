/**
 * The view as React state backed by the URL. `history` is the single source of truth: writes go through
 * pushState/replaceState, and Back/Forward (popstate) re-render every reader.
 */
import { useCallback, useSyncExternalStore } from "react";
import { decodeView, encodeView, followOpen, type ViewState } from "./url-state.js";

const CHANGE = "loupe:urlchange";

function subscribe(onChange: () => void): () => void {
  window.addEventListener("popstate", onChange);
  window.addEventListener(CHANGE, onChange);
  return () => {
    window.removeEventListener("popstate", onChange);
    window.removeEventListener(CHANGE, onChange);
  };
}

// useSyncExternalStore wants the same object while nothing changed: cache by the URL it came from.
let cachedKey = "";
let cachedView: ViewState = decodeView("");
function snapshot(): ViewState {
  const key = window.location.pathname + window.location.search;
  if (key !== cachedKey) {
    cachedKey = key;
    cachedView = decodeView(window.location.search, window.location.pathname);
  }
  return cachedView;
}

/**
 * push: a step the user may want to undo with Back (open a connection, change a filter or sort).
 * replace: a refinement of the current step (typing in the search box).
 */
export type HistoryMode = "push" | "replace";

export function writeView(next: ViewState, mode: HistoryMode): void {
  // Always "/" + query: a `/c/:id` link is rewritten to its canonical form on the first write.
  const url = `/${encodeView(next)}${window.location.hash}`;
  if (url === window.location.pathname + window.location.search + window.location.hash) return;
  if (mode === "push") window.history.pushState(null, "", url);
  else window.history.replaceState(null, "", url);
  window.dispatchEvent(new Event(CHANGE));
}

export function useView(): ViewState {
  return useSyncExternalStore(subscribe, snapshot);
}

/** Returns a stable updater: `update({ open: 42 })` or `update((v) => ({ ...v, q }), "replace")`. */
export function useUpdateView(): (
  patch: Partial<ViewState> | ((view: ViewState) => ViewState),
  mode?: HistoryMode,
) => void {
  return useCallback((patch, mode = "push") => {
    const current = snapshot();
    const next = typeof patch === "function" ? patch(current) : { ...current, ...patch };
    writeView(followOpen(current, next), mode);
  }, []);
}
