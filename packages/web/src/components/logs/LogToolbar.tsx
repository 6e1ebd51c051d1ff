/** The raw log viewer's controls: which log, which levels, what text, and wrapping. Each has a name. */
import { useEffect, useRef, useState } from "react";
import type { RawSide } from "../../api/raw-logs.js";
import { formatCount } from "../../format/format.js";
import { SearchIcon } from "../common/icons.js";
import type { LevelCount } from "./levels.js";

const SIDES: { side: RawSide; label: string; title: string }[] = [
  { side: "client", label: "Client", title: "The client log only" },
  { side: "server", label: "Server", title: "The server log only" },
  { side: "both", label: "Both", title: "Client and server interleaved on one timeline" },
];

/** Search text reaches the server this long after the last keystroke. */
export const SEARCH_DEBOUNCE_MS = 250;

export function SideSwitch({ side, onChange }: { side: RawSide; onChange: (side: RawSide) => void }) {
  return (
    <fieldset className="rawlog-segmented" aria-label="Which log to show">
      {SIDES.map((option) => (
        <button
          key={option.side}
          type="button"
          className="rawlog-segment"
          aria-pressed={side === option.side}
          title={option.title}
          onClick={() => onChange(option.side)}
        >
          {option.label}
        </button>
      ))}
    </fieldset>
  );
}

export function LevelChips({
  levels,
  chosen,
  onToggle,
}: {
  levels: readonly LevelCount[];
  chosen: ReadonlySet<string>;
  onToggle: (level: string) => void;
}) {
  if (levels.length === 0) return null;
  return (
    <fieldset className="rawlog-chips" aria-label="Show only these levels">
      {levels.map(({ level, count }) => (
        <button
          key={level}
          type="button"
          className="rawlog-chip"
          data-level={level}
          aria-pressed={chosen.has(level)}
          title={`${chosen.has(level) ? "Stop filtering on" : "Show only"} ${level} (with any other chosen level)`}
          onClick={() => onToggle(level)}
        >
          <span className="rawlog-chip-dot" aria-hidden="true" />
          {level}
          <span className="rawlog-chip-count">{formatCount(count)}</span>
        </button>
      ))}
    </fieldset>
  );
}

/** Typing is instant; `onSearch` follows SEARCH_DEBOUNCE_MS after the last keystroke. Esc clears. */
export function LogSearch({
  value,
  busy,
  onSearch,
}: {
  value: string;
  busy: boolean;
  onSearch: (text: string) => void;
}) {
  const [text, setText] = useState(value);
  const sent = useRef(value);
  useEffect(() => {
    // Cleared from outside (the empty state's "Clear search"): show it.
    if (value !== sent.current) {
      sent.current = value;
      setText(value);
    }
  }, [value]);
  useEffect(() => {
    if (text === sent.current) return;
    const timer = window.setTimeout(() => {
      sent.current = text;
      onSearch(text);
    }, SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [text, onSearch]);

  return (
    <div className="rawlog-search" data-busy={busy || undefined}>
      <SearchIcon className="icon rawlog-search-icon" />
      <input
        type="search"
        className="rawlog-search-input"
        aria-label="Search log lines"
        placeholder="Search lines"
        autoComplete="off"
        spellCheck={false}
        maxLength={500}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Escape" && text !== "") {
            event.preventDefault();
            event.stopPropagation();
            setText("");
            sent.current = "";
            onSearch("");
          }
        }}
      />
    </div>
  );
}

export function WrapToggle({ wrap, onChange }: { wrap: boolean; onChange: (wrap: boolean) => void }) {
  return (
    <button
      type="button"
      className="btn btn-small rawlog-wrap"
      aria-pressed={wrap}
      title="Wrap long lines instead of cutting them at the edge"
      onClick={() => onChange(!wrap)}
    >
      Wrap lines
    </button>
  );
}
