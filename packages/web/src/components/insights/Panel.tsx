import type { ReactNode } from "react";
import { ErrorState, Skeleton } from "../common/StateMessage.js";

interface PanelProps {
  id: string;
  title: string;
  subtitle: ReactNode;
  query: { isPending: boolean; isError: boolean; error: unknown; refetch: () => unknown };
  /** Spans both columns of the insights grid (the wide tables). */
  wide?: boolean;
  /** The loading placeholder: text rows (tables) or a block as tall as the chart (no layout shift). */
  skeleton?: "rows" | "chart";
  children: () => ReactNode;
}

/** One insight: title, one line on what it shows, and the loading / error states handled the same way. */
export function Panel({ id, title, subtitle, query, wide = false, skeleton = "rows", children }: PanelProps) {
  return (
    <section className={`card panel${wide ? " panel-wide" : ""}`} aria-labelledby={id}>
      <header className="panel-head">
        <h3 id={id} className="subsection-title">
          {title}
        </h3>
        <p className="muted">{subtitle}</p>
      </header>
      {query.isPending ? (
        skeleton === "chart" ? (
          <div className="panel-skeleton panel-skeleton-chart" aria-hidden="true">
            <Skeleton height={240} />
          </div>
        ) : (
          <div className="panel-skeleton" aria-hidden="true">
            {Array.from({ length: 6 }, (_, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity.
              <Skeleton key={i} width={`${92 - i * 8}%`} />
            ))}
          </div>
        )
      ) : query.isError ? (
        <ErrorState what={title.toLowerCase()} error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        children()
      )}
    </section>
  );
}
