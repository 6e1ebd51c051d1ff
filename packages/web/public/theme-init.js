// Runs before the first paint (a blocking <script src> in <head>, not inline, so a strict CSP allows it):
// applies the stored theme, or the system's, so the page never flashes the wrong colours.
// Kept in step with src/theme/theme.ts (same storage key and attribute).
(() => {
  let stored = null;
  try {
    stored = localStorage.getItem("loupe.theme");
  } catch {}
  const system = matchMedia("(prefers-color-scheme: light)").matches ? "light" : "dark";
  document.documentElement.dataset.theme = stored === "light" || stored === "dark" ? stored : system;
})();
