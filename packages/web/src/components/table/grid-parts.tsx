/**
 * The ARIA grid's parts as divs. Not <table>: the virtualizer positions rows absolutely and CSS grid lays
 * out their cells, and browsers drop a table's semantics once its rows stop being table rows. Focus stays
 * on the grid (aria-activedescendant), so rows and cells are deliberately not focusable themselves; the
 * grid's keydown handler gives every row click a keyboard equivalent (Enter). Biome's rules that assume
 * native tables or focusable cells are suppressed here, once.
 */
import type { HTMLAttributes } from "react";

type DivProps = HTMLAttributes<HTMLDivElement>;

export function RowGroup(props: DivProps) {
  // biome-ignore lint/a11y/useSemanticElements: see the file comment.
  return <div role="rowgroup" {...props} />;
}

export function Row(props: DivProps) {
  // biome-ignore lint/a11y/useSemanticElements lint/a11y/useFocusableInteractive: see the file comment.
  return <div role="row" {...props} />;
}

export function Cell(props: DivProps) {
  // biome-ignore lint/a11y/useSemanticElements lint/a11y/useFocusableInteractive: see the file comment.
  return <div role="gridcell" {...props} />;
}

export function ColumnHeader(props: DivProps) {
  // biome-ignore lint/a11y/useSemanticElements lint/a11y/useFocusableInteractive: see the file comment.
  return <div role="columnheader" {...props} />;
}
