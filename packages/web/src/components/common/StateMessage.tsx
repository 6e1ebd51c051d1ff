import type { ReactNode } from "react";
import { errorMessage } from "../../api/http.js";
import { RetryIcon } from "./icons.js";

/** Empty results: a title in words and an optional action (e.g. "Clear filters"). */
export function EmptyState({ title, hint, action }: { title: string; hint?: ReactNode; action?: ReactNode }) {
  return (
    <div className="state-message" role="status">
      <strong>{title}</strong>
      {hint ? <span>{hint}</span> : null}
      {action}
    </div>
  );
}

/** A failed request: the API's own message and a Retry that asks again. */
export function ErrorState({ what, error, onRetry }: { what: string; error: unknown; onRetry: () => void }) {
  return (
    <div className="state-message" data-tone="error" role="alert">
      <strong>{`Couldn't load ${what}`}</strong>
      <span>{errorMessage(error)}</span>
      <button type="button" className="btn" onClick={onRetry}>
        <RetryIcon /> Retry
      </button>
    </div>
  );
}

/** A grey bar standing in for text that is loading; `width` keeps the final layout (no shift). */
export function Skeleton({ width = "100%", height }: { width?: string | number; height?: number }) {
  return <span className="skeleton" style={{ width, height }} aria-hidden="true" />;
}
