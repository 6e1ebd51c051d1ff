import { type ReactNode, useSyncExternalStore } from "react";
import { signInState } from "../../api/http.js";
import { LoupeMark } from "../common/icons.js";

/** Where "Sign in" goes: the server's sign-in, which comes back to this very view afterwards. */
export function signInHref(): string {
  const here = `${window.location.pathname}${window.location.search}`;
  return `/auth/login?returnTo=${encodeURIComponent(here)}`;
}

/**
 * Sign-in is configured and the API answered 401 (never signed in, signed out elsewhere, or the session
 * expired): the page offers "Sign in" instead of a wall of errors.
 */
export function SignInGate({ children }: { children: ReactNode }) {
  const required = useSyncExternalStore(signInState.subscribe, signInState.required);
  if (!required) return children;
  return (
    <main className="sign-in">
      <div className="sign-in-card">
        <LoupeMark className="sign-in-mark" />
        <h1>Sign in to Loupe</h1>
        <p>This dashboard shows your fleet's logs to signed-in colleagues only.</p>
        <a className="btn btn-primary" href={signInHref()}>
          Sign in
        </a>
      </div>
    </main>
  );
}
