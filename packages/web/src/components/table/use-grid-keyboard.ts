import type { Virtualizer } from "@tanstack/react-virtual";
import type { KeyboardEvent } from "react";

interface GridKeys {
  rowCount: number;
  active: number;
  setActive: (index: number) => void;
  virtualizer: Virtualizer<HTMLDivElement, Element>;
  /** Rows per PageUp/PageDown. */
  pageRows: number;
  onOpen: (index: number) => void;
  onToggleStar: (index: number) => void;
  onClose: () => void;
}

/**
 * The grid's keys (docs/design.md, "Keyboard model"): ↑/↓, PageUp/PageDown, Home/End move the active row
 * and keep it in view; Enter opens it; b stars it; Escape closes the open connection.
 */
export function gridKeyHandler(keys: GridKeys) {
  return (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    // Keys pressed on a header sort button belong to the button.
    if ((event.target as HTMLElement).closest("button")) return;
    const { rowCount, active, pageRows } = keys;
    const moveTo = (index: number) => {
      const next = Math.max(0, Math.min(rowCount - 1, index));
      keys.setActive(next);
      keys.virtualizer.scrollToIndex(next, { align: "auto" });
    };
    switch (event.key) {
      case "ArrowDown":
        moveTo(active + 1);
        break;
      case "ArrowUp":
        moveTo(active - 1);
        break;
      case "PageDown":
        moveTo(active + pageRows);
        break;
      case "PageUp":
        moveTo(active - pageRows);
        break;
      case "Home":
        moveTo(0);
        break;
      case "End":
        moveTo(rowCount - 1);
        break;
      case "Enter":
        if (rowCount > 0) keys.onOpen(active);
        break;
      case "b":
        if (rowCount > 0) keys.onToggleStar(active);
        break;
      case "Escape":
        keys.onClose();
        break;
      default:
        return;
    }
    event.preventDefault();
  };
}
