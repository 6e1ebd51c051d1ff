import { useLiveUpdates } from "./api/events.js";
import { SignInGate } from "./components/auth/SignInGate.js";
import { ConnectionDetail } from "./components/detail/ConnectionDetail.js";
import { FleetStrip } from "./components/fleet/FleetStrip.js";
import { AppHeader } from "./components/header/AppHeader.js";
import { FleetInsights } from "./components/insights/FleetInsights.js";
import { ConnectionsTable } from "./components/table/ConnectionsTable.js";

/**
 * The one page, top to bottom: the fleet → the connections → one connection → the fleet's problems;
 * or, when sign-in is configured and nobody is signed in, "Sign in".
 */
export function App() {
  useLiveUpdates();
  return (
    <SignInGate>
      <a className="skip-link" href="#connections-grid">
        Skip to connections
      </a>
      <AppHeader />
      <main className="page">
        <FleetStrip />
        <ConnectionsTable />
        <ConnectionDetail />
        <FleetInsights />
      </main>
    </SignInGate>
  );
}
