import { useEffect, useState } from "react";

/**
 * `value` once it has stayed the same (by `key`) for `ms`: while it keeps changing faster than that (the
 * scrollbar dragged through a long log), the previous settled value stays.
 */
export function useSettled<T>(value: T, key: string, ms: number): T {
  const [settled, setSettled] = useState({ value, key });
  useEffect(() => {
    if (key === settled.key) return;
    const timer = window.setTimeout(() => setSettled({ value, key }), ms);
    return () => window.clearTimeout(timer);
  }, [value, key, settled.key, ms]);
  return settled.value;
}
