import { useIsFetching } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { keys } from "../../api/keys.js";
import { useUpdateView, useView } from "../../state/use-url-state.js";
import { SearchIcon } from "../common/icons.js";

const DEBOUNCE_MS = 250;

/**
 * Username search, server-side. The box is local state (typing stays instant); the URL, and with it the
 * query, follows 250 ms after the last keystroke, replacing the history entry rather than adding one.
 */
export function SearchBox() {
  // A thin bar under the box while the list is being fetched: the answer to "did it hear me?".
  const busy = useIsFetching({ queryKey: keys.connections.lists }) > 0;
  const { q } = useView();
  const update = useUpdateView();
  const [text, setText] = useState(q);
  const input = useRef<HTMLInputElement>(null);
  const lastSent = useRef(q);

  // Back/forward or a cleared filter changed the URL: show what the list is searching for.
  useEffect(() => {
    if (q !== lastSent.current) {
      lastSent.current = q;
      setText(q);
    }
  }, [q]);

  useEffect(() => {
    if (text === lastSent.current) return;
    const timer = window.setTimeout(() => {
      lastSent.current = text;
      update({ q: text }, "replace");
    }, DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [text, update]);

  // "/" focuses the search from anywhere except another field, as in most log tools.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      const typing = target?.closest("input, textarea, select, [contenteditable='true']");
      if (event.key === "/" && !typing && !event.metaKey && !event.ctrlKey && !event.altKey) {
        event.preventDefault();
        input.current?.focus();
        input.current?.select();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  return (
    <div className="search" data-busy={busy || undefined}>
      <label htmlFor="search-connections" className="visually-hidden">
        Search connections
      </label>
      <SearchIcon className="icon search-icon" />
      <input
        id="search-connections"
        ref={input}
        type="search"
        className="search-input"
        placeholder="Search by username"
        autoComplete="off"
        spellCheck={false}
        maxLength={256}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Escape" && text !== "") {
            event.preventDefault();
            setText("");
          } else if (event.key === "Enter") {
            // Do not wait for the debounce when the user says "now".
            lastSent.current = text;
            update({ q: text }, "replace");
          }
        }}
      />
      <span className="search-kbd" aria-hidden="true" title="Press / to search">
        /
      </span>
    </div>
  );
}
