import type { ReactNode } from "react";
import { ErrorState, Skeleton } from "../common/StateMessage.js";

interface PanelProps {
  id: string;
  title: string;
  subtitle: string;
  query: { isPending: boolean; isError: boolean; error: unknown; refetch: () => unknown };
  children: () => ReactNode;
}

/** One insight: title, one line on what it shows, and the loading / error states handled the same way. */
export function Panel({ id, title, subtitle, query, children }: PanelProps) {
  return (
    <section className="card panel" aria-labelledby={id}>
      <header className="panel-head">
        <h3 id={id} className="subsection-title">
          {title}
        </h3>
        <p className="muted">{subtitle}</p>
      </header>
      {query.isPending ? (
        <div className="panel-skeleton" aria-hidden="true">
          {Array.from({ length: 5 }, (_, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity.
            <Skeleton key={i} width={`${90 - i * 9}%`} />
          ))}
        </div>
      ) : query.isError ? (
        <ErrorState what={title.toLowerCase()} error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        children()
      )}
    </section>
  );
}
