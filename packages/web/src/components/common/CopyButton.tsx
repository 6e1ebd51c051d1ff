import { useEffect, useState } from "react";
import { CheckIcon, CopyIcon } from "./icons.js";

/** Writes `text` to the clipboard; falls back to a hidden textarea where the Clipboard API is missing. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "visually-hidden";
    document.body.append(area);
    area.select();
    const ok = document.execCommand("copy");
    area.remove();
    return ok;
  }
}

/** Remembers a successful copy for a moment, so buttons can say "Copied". */
export function useCopied(): [boolean, (text: string) => void] {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = window.setTimeout(() => setCopied(false), 1500);
    return () => window.clearTimeout(timer);
  }, [copied]);
  return [copied, (text) => void copyText(text).then(setCopied)];
}

interface CopyButtonProps {
  text: string;
  /** What is copied, for the accessible name: "Copy version c47d0e5-5A8F3C27". */
  what: string;
  /** In table rows: not a tab stop (the grid is one stop; the detail repeats the button). */
  inGrid?: boolean;
}

export function CopyButton({ text, what, inGrid = false }: CopyButtonProps) {
  const [copied, copy] = useCopied();
  return (
    <button
      type="button"
      className="btn btn-ghost btn-icon copy-button"
      aria-label={copied ? "Copied" : `Copy ${what}`}
      title={copied ? "Copied" : `Copy ${what}`}
      tabIndex={inGrid ? -1 : undefined}
      onClick={(event) => {
        event.stopPropagation();
        copy(text);
      }}
    >
      {copied ? <CheckIcon /> : <CopyIcon />}
    </button>
  );
}
