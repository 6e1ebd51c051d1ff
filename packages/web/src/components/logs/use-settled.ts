import { useEffect, useRef, useState } from "react";

/**
 * `value` once its `key` has stayed the same for `ms`: while it keeps changing faster than that (the
 * scrollbar dragged through a long log), the previous settled value stays. Re-renders with the same key
 * do not restart the wait.
 */
export function useSettled<T>(value: T, key: string, ms: number): T {
  const [settled, setSettled] = useState({ value, key });
  const latest = useRef(value);
  latest.current = value;
  useEffect(() => {
    if (key === settled.key) return;
    const timer = window.setTimeout(() => setSettled({ value: latest.current, key }), ms);
    return () => window.clearTimeout(timer);
  }, [key, settled.key, ms]);
  return settled.value;
}
