/**
 * Dark or light. A stored choice wins; without one the page follows the system, live. The first paint is
 * handled by public/theme-init.js (same key, same attribute).
 */
import { useCallback, useEffect, useState } from "react";

export type Theme = "dark" | "light";
const KEY = "loupe.theme";
const LIGHT_QUERY = "(prefers-color-scheme: light)";

function stored(): Theme | null {
  try {
    const value = localStorage.getItem(KEY);
    return value === "dark" || value === "light" ? value : null;
  } catch {
    return null; // Storage can be disabled; the system theme still applies.
  }
}

const system = (): Theme => (window.matchMedia(LIGHT_QUERY).matches ? "light" : "dark");

function apply(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
}

export function useTheme(): { theme: Theme; toggle: () => void } {
  const [theme, setTheme] = useState<Theme>(() => stored() ?? system());

  useEffect(() => apply(theme), [theme]);

  // Follow the system while the user has not chosen.
  useEffect(() => {
    const media = window.matchMedia(LIGHT_QUERY);
    const onChange = () => {
      if (stored() === null) setTheme(system());
    };
    media.addEventListener("change", onChange);
    return () => media.removeEventListener("change", onChange);
  }, []);

  const toggle = useCallback(() => {
    setTheme((current) => {
      const next: Theme = current === "dark" ? "light" : "dark";
      try {
        localStorage.setItem(KEY, next);
      } catch {
        // Not persisted, but the page still switches.
      }
      return next;
    });
  }, []);

  return { theme, toggle };
}
