/** Inline SVG icons (no icon font, no data: URLs): decorative, so hidden from screen readers. */
import type { ReactElement } from "react";

type IconProps = { className?: string };

function Svg({ className = "icon", children }: IconProps & { children: ReactElement | ReactElement[] }) {
  return (
    <svg
      className={className}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.5"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  );
}

export const SearchIcon = (p: IconProps) => (
  <Svg {...p}>
    <circle cx="7" cy="7" r="4.5" />
    <path d="M10.5 10.5 14 14" />
  </Svg>
);

export const StarIcon = ({ filled, ...p }: IconProps & { filled?: boolean }) => (
  <Svg {...p}>
    <path
      d="M8 1.8l1.9 3.9 4.3.6-3.1 3 .7 4.3L8 11.6l-3.8 2 .7-4.3-3.1-3 4.3-.6z"
      fill={filled ? "currentColor" : "none"}
    />
  </Svg>
);

export const CopyIcon = (p: IconProps) => (
  <Svg {...p}>
    <rect x="5.5" y="5.5" width="8" height="8" rx="1.5" />
    <path d="M10.5 3.5v-.5A1.5 1.5 0 0 0 9 1.5H3A1.5 1.5 0 0 0 1.5 3v6A1.5 1.5 0 0 0 3 10.5h.5" />
  </Svg>
);

export const CheckIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M3 8.5l3 3 7-7" />
  </Svg>
);

export const LinkIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M6.5 9.5l3-3" />
    <path d="M7 4.5l1.2-1.2a2.8 2.8 0 0 1 4 4L11 8.5" />
    <path d="M9 11.5l-1.2 1.2a2.8 2.8 0 0 1-4-4L5 7.5" />
  </Svg>
);

export const SunIcon = (p: IconProps) => (
  <Svg {...p}>
    <circle cx="8" cy="8" r="3" />
    <path d="M8 1v1.5M8 13.5V15M1 8h1.5M13.5 8H15M3 3l1 1M12 12l1 1M3 13l1-1M12 4l1-1" />
  </Svg>
);

export const MoonIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M13.5 9.5A5.5 5.5 0 0 1 6.5 2.5a5.5 5.5 0 1 0 7 7z" />
  </Svg>
);

export const CloseIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M4 4l8 8M12 4l-8 8" />
  </Svg>
);

export const RetryIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M13.5 8a5.5 5.5 0 1 1-1.6-3.9" />
    <path d="M13.5 2v3h-3" />
  </Svg>
);

export const SortIcon = ({ direction, ...p }: IconProps & { direction: "asc" | "desc" | null }) => (
  <Svg {...p}>
    {direction === "asc" ? (
      <path d="M8 12.5V3.5M4.5 7 8 3.5 11.5 7" />
    ) : direction === "desc" ? (
      <path d="M8 3.5v9M4.5 9 8 12.5 11.5 9" />
    ) : (
      <path d="M5.5 6 8 3.5 10.5 6M5.5 10 8 12.5 10.5 10" />
    )}
  </Svg>
);

export const LoupeMark = (p: IconProps) => (
  <svg className={p.className} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
    <rect width="24" height="24" rx="6" fill="var(--accent)" />
    <circle cx="10.5" cy="10.5" r="5" fill="none" stroke="var(--on-accent)" strokeWidth="2.2" />
    <path d="M14.3 14.3 18.5 18.5" stroke="var(--on-accent)" strokeWidth="2.4" strokeLinecap="round" />
  </svg>
);
