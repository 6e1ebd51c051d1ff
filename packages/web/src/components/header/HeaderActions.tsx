import { useState } from "react";
import { apiFetch, errorMessage } from "../../api/http.js";
import { useServerInfo } from "../../api/info.js";
import { useTheme } from "../../theme/theme.js";
import { useCopied } from "../common/CopyButton.js";
import { CheckIcon, LinkIcon, MoonIcon, SunIcon } from "../common/icons.js";

/** Copies the page's URL, which holds the whole view (search, filters, sort, open connection). */
export function CopyLinkButton({ compact = false }: { compact?: boolean }) {
  const [copied, copy] = useCopied();
  return (
    <button
      type="button"
      className={compact ? "btn btn-small" : "btn"}
      onClick={() => copy(window.location.href)}
      title="Copy a link to this view"
    >
      {copied ? <CheckIcon /> : <LinkIcon />}
      <span aria-live="polite">{copied ? "Copied" : "Copy link"}</span>
    </button>
  );
}

export function ThemeToggle() {
  const { theme, toggle } = useTheme();
  const next = theme === "dark" ? "light" : "dark";
  return (
    <button
      type="button"
      className="btn btn-icon"
      onClick={toggle}
      aria-label={`Switch to ${next} theme`}
      title={`Switch to ${next} theme`}
    >
      {theme === "dark" ? <SunIcon /> : <MoonIcon />}
    </button>
  );
}

/** The server has no sign-in configured (it only listens on loopback then): say so, as product.md asks. */
export function OpenAccessBadge() {
  const { data } = useServerInfo();
  if (!data?.openAccess) return null;
  return (
    <span
      className="open-access"
      title="No sign-in is configured: anyone who can reach this machine's loopback can use it"
    >
      Open access
    </span>
  );
}

/** Who is signed in, and Sign out (which ends the session on the server, then reloads the page). */
export function SignedInUser() {
  const { data } = useServerInfo();
  const [error, setError] = useState<string | null>(null);
  const user = data?.user;
  if (!user) return null;
  const signOut = async () => {
    try {
      // POST with the CSRF header (apiFetch adds it): another site cannot sign anyone out.
      await apiFetch<void>("/auth/logout", { method: "POST" });
      window.location.assign("/");
    } catch (cause) {
      setError(errorMessage(cause));
    }
  };
  return (
    <span className="signed-in" title={error ?? user.email}>
      <span className="signed-in-name">{user.name ?? user.email}</span>
      <button type="button" className="btn btn-small" onClick={signOut}>
        Sign out
      </button>
    </span>
  );
}
