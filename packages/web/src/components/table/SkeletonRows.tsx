import { Skeleton } from "../common/StateMessage.js";
import { COLUMNS } from "./columns.js";

/** Widths per column so the skeleton looks like the rows that replace it. */
const WIDTHS: Record<string, string> = {
  star: "14px",
  id: "70%",
  user: "62%",
  ip: "80%",
  version: "64%",
  updated: "70%",
  duration: "60%",
  client: "56px",
  server: "56px",
  errors: "60%",
  warnings: "60%",
  latency: "55%",
};

/** Placeholder rows at the exact row height: the table does not move when data arrives. */
export function SkeletonRows({ count, offset = 0 }: { count: number; offset?: number }) {
  return Array.from({ length: count }, (_, i) => (
    <div
      // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity.
      key={i}
      className="grid-row grid-body-row is-skeleton"
      aria-hidden="true"
      style={{ transform: `translateY(${offset + i * 36}px)` }}
    >
      {COLUMNS.map((column) => (
        <div key={column.id} className={`cell col-${column.id}${column.align === "end" ? " end" : ""}`}>
          <Skeleton width={WIDTHS[column.id]} />
        </div>
      ))}
    </div>
  ));
}
