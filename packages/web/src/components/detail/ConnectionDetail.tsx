import { useConnection } from "../../api/connection.js";
import { ApiError } from "../../api/http.js";
import { useUpdateView, useView } from "../../state/use-url-state.js";
import { ConnectionCharts } from "../charts/ConnectionCharts.js";
import { EmptyState, ErrorState, Skeleton } from "../common/StateMessage.js";
import { RawLogViewer } from "../logs/RawLogViewer.js";
import { DetailHeader } from "./DetailHeader.js";
import { FieldList } from "./FieldList.js";
import { LogCard } from "./LogCard.js";
import { MomentProvider } from "./moment.js";
import { PatternList } from "./PatternList.js";

/**
 * The open connection (?open=ID). This part shows its fields and the state of each log; the charts and
 * the raw log viewer go into the marked slots below (they read the same `useConnection(id)` cache).
 */
export function ConnectionDetail() {
  const { open } = useView();
  return (
    <section className="card detail" aria-label="Connection detail">
      {open === null ? <NothingOpen /> : <OpenConnection id={open} />}
    </section>
  );
}

function NothingOpen() {
  return (
    <EmptyState
      title="Open a connection to see its logs"
      hint="Click a row, or move with ↑ ↓ in the table and press Enter. Its fields, both logs' state, charts and raw lines appear here."
    />
  );
}

function OpenConnection({ id }: { id: number }) {
  const detail = useConnection(id);
  const update = useUpdateView();
  if (detail.isPending) return <DetailSkeleton id={id} />;
  if (detail.isError) {
    if (detail.error instanceof ApiError && detail.error.status === 404) {
      return (
        <EmptyState
          title={`There is no connection ${id}`}
          hint="The link may be old, or the manifest no longer lists it."
          action={
            <button type="button" className="btn" onClick={() => update({ open: null })}>
              Close
            </button>
          }
        />
      );
    }
    return (
      <ErrorState what={`connection ${id}`} error={detail.error} onRetry={() => void detail.refetch()} />
    );
  }
  const connection = detail.data;
  return (
    <MomentProvider key={id}>
      <DetailHeader connection={connection} />
      <FieldList connection={connection} />
      <div className="log-cards">
        <LogCard connectionId={id} side="client" log={connection.client} />
        <LogCard connectionId={id} side="server" log={connection.server} />
      </div>
      <ConnectionCharts connection={connection} />
      <PatternList client={connection.client.patterns} server={connection.server.patterns} />
      <RawLogViewer connection={connection} />
    </MomentProvider>
  );
}

function DetailSkeleton({ id }: { id: number }) {
  return (
    <div className="detail-skeleton" role="status" aria-busy="true" aria-label={`Loading connection ${id}`}>
      <Skeleton width={260} height={20} />
      <Skeleton width="70%" />
      <div className="log-cards">
        <div className="log-card">
          <Skeleton width="40%" />
          <Skeleton width="80%" />
        </div>
        <div className="log-card">
          <Skeleton width="40%" />
          <Skeleton width="80%" />
        </div>
      </div>
    </div>
  );
}
