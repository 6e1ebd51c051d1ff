/**
 * Brings another region of the page into view after an insight changed the view (a pattern filtered the
 * table, a dot opened a connection): below the sticky header, smoothly unless the user asked for less
 * motion, and with focus moved there for keyboard and screen reader users.
 */
export function revealRegion(selector: string, focusSelector?: string): void {
  // After React has rendered the new view.
  window.requestAnimationFrame(() => {
    const region = document.querySelector<HTMLElement>(selector);
    if (!region) return;
    const header = document.querySelector<HTMLElement>(".app-header")?.offsetHeight ?? 0;
    const top = region.getBoundingClientRect().top + window.scrollY - header - 8;
    const reduce = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    window.scrollTo({ top: Math.max(0, top), behavior: reduce ? "auto" : "smooth" });
    const target = focusSelector ? document.querySelector<HTMLElement>(focusSelector) : null;
    target?.focus({ preventScroll: true });
  });
}
