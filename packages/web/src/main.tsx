import { QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App.js";
import { prefetchConnectionList } from "./api/connections.js";
import { createQueryClient } from "./api/query-client.js";
import { decodeView, listFilters } from "./state/url-state.js";
import "./styles/tokens.css";
import "./styles/base.css";
import "./styles/controls.css";
import "./styles/header.css";
import "./styles/fleet.css";
// Cells before the table: table.css narrows cell padding below 1200 px, and the later rule must win.
import "./styles/table-cells.css";
import "./styles/table.css";
import "./styles/detail.css";
import "./styles/insights.css";
import "./styles/motion.css";
import "./styles/sign-in.css";

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root");

const queryClient = createQueryClient();
prefetchConnectionList(
  queryClient,
  listFilters(decodeView(window.location.search, window.location.pathname)),
);

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
