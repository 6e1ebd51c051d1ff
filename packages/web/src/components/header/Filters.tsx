import { useVersions } from "../../api/insights.js";
import type { LogStatus } from "../../api/types.js";
import { formatCount } from "../../format/format.js";
import { useUpdateView, useView } from "../../state/use-url-state.js";
import { StarIcon } from "../common/icons.js";

/** The "log state" choices: "missing logs" first, since that is what people look for. */
const STATUS_OPTIONS: [LogStatus, string][] = [
  ["missing", "Missing logs"],
  ["unavailable", "Unavailable logs"],
  ["invalid", "Not a log file"],
  ["not_recorded", "Log not uploaded"],
  ["pending", "Still ingesting"],
];

/** Version, log state, has errors, bookmarked. Every change is a history step (Back undoes it). */
export function Filters() {
  const view = useView();
  const update = useUpdateView();
  const versions = useVersions();
  // Newest first: the version people ask about is usually the latest one.
  const known = (versions.data?.items ?? []).filter((v) => v.version !== null).reverse();
  // A deep link may name a version the list does not have (yet): keep it selectable.
  const listed = view.version === null || known.some((v) => v.version === view.version);

  return (
    <fieldset className="filters">
      <legend className="visually-hidden">Filters</legend>
      <span className="select-wrap">
        <select
          aria-label="Filter by version"
          className={`select select-version${view.version !== null ? " is-set" : ""}`}
          value={view.version ?? ""}
          onChange={(event) => update({ version: event.target.value || null })}
        >
          <option value="">All versions</option>
          {!listed && view.version !== null ? <option value={view.version}>{view.version}</option> : null}
          {known.map((v) => (
            <option key={v.version} value={v.version ?? ""}>
              {`${v.version} · ${formatCount(v.connections)}`}
            </option>
          ))}
        </select>
      </span>
      <span className="select-wrap">
        <select
          aria-label="Filter by log state"
          className={`select${view.status !== null ? " is-set" : ""}`}
          value={view.status ?? ""}
          onChange={(event) => update({ status: (event.target.value || null) as LogStatus | null })}
        >
          <option value="">Any log state</option>
          {STATUS_OPTIONS.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </span>
      <button
        type="button"
        className="btn"
        aria-pressed={view.hasErrors}
        onClick={() => update({ hasErrors: !view.hasErrors })}
      >
        <span className="error-dot" aria-hidden="true" />
        Has errors
      </button>
      <button
        type="button"
        className="btn"
        aria-pressed={view.bookmarked}
        onClick={() => update({ bookmarked: !view.bookmarked })}
      >
        <StarIcon filled={view.bookmarked} />
        Bookmarked
      </button>
    </fieldset>
  );
}
