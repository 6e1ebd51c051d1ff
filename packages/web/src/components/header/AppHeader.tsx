import { LoupeMark } from "../common/icons.js";
import { Filters } from "./Filters.js";
import { OpenAccessBadge, SignedInUser, ThemeToggle } from "./HeaderActions.js";
import { IngestProgress } from "./IngestProgress.js";
import { SearchBox } from "./SearchBox.js";

/** Sticky: search and filters stay in reach while the page scrolls to the detail and insights. */
export function AppHeader() {
  return (
    <header className="app-header">
      <div className="app-header-inner">
        <a className="brand" href="/" aria-label="Loupe, start over">
          <LoupeMark className="brand-mark" />
          <span className="brand-name">Loupe</span>
        </a>
        <SearchBox />
        <Filters />
        <div className="header-end">
          <IngestProgress />
          <ThemeToggle />
          <OpenAccessBadge />
          <SignedInUser />
        </div>
      </div>
    </header>
  );
}
