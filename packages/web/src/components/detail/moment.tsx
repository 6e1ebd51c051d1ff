/**
 * The moment shared by the open connection's charts and its raw log viewer, in seconds on the logs' time
 * axis: `selected` is where the user jumped (a clicked chart point: the viewer scrolls there), `hovered`
 * is a log line under the pointer (the charts mark it). One small context, so neither component imports
 * the other.
 */
import { createContext, type ReactNode, useContext, useMemo, useState } from "react";

export interface Moment {
  readonly selected: number | null;
  readonly hovered: number | null;
  select(time: number | null): void;
  hover(time: number | null): void;
}

const MomentContext = createContext<Moment | null>(null);

export function MomentProvider({ children }: { children: ReactNode }) {
  const [selected, select] = useState<number | null>(null);
  const [hovered, hover] = useState<number | null>(null);
  const value = useMemo(() => ({ selected, hovered, select, hover }), [selected, hovered]);
  return <MomentContext.Provider value={value}>{children}</MomentContext.Provider>;
}

export function useMoment(): Moment {
  const moment = useContext(MomentContext);
  if (moment === null) throw new Error("useMoment outside MomentProvider");
  return moment;
}
