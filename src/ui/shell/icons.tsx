/** A small set of line icons (24-unit grid, stroke = currentColor). Decorative: text or a label always says the same. */
const PATHS: Record<string, string> = {
  play: 'M7 5v14l12-7z',
  pause: 'M7 5h3v14H7zM14 5h3v14h-3z',
  step: 'M6 5v14l9-7zM17 5h2v14h-2z',
  forward: 'M4 5v14l8-7zM12 5v14l8-7z',
  check: 'M5 12.5l4.5 4.5L19 7.5',
  spinner: 'M12 3a9 9 0 1 0 9 9',
  alert: 'M12 3l10 18H2zM12 10v5M12 18v.5',
  crash: 'M20 11a8 8 0 1 0-2.3 5.7M20 5v6h-6',
  pull: 'M12 3v12M7 10l5 5 5-5M5 20h14',
  hourglass: 'M6 3h12M6 21h12M7 3c0 5 10 6 10 9s-10 4-10 9M17 3c0 5-10 6-10 9s10 4 10 9',
  stop: 'M12 3a9 9 0 1 1 0 18 9 9 0 0 1 0-18zM5.6 5.6l12.8 12.8',
  done: 'M12 3a9 9 0 1 1 0 18 9 9 0 0 1 0-18zM8 12l3 3 5-6',
  x: 'M12 3a9 9 0 1 1 0 18 9 9 0 0 1 0-18zM9 9l6 6M15 9l-6 6',
  server: 'M4 4h16v6H4zM4 14h16v6H4zM8 7h.01M8 17h.01',
  service: 'M12 3l8 4.5v9L12 21l-8-4.5v-9z',
  workload: 'M4 6h16M4 12h16M4 18h16',
  lock: 'M6 11h12v10H6zM8 11V7a4 4 0 0 1 8 0v4',
  close: 'M6 6l12 12M18 6L6 18',
  edit: 'M4 20h4L19 9l-4-4L4 16zM13 7l4 4',
  save: 'M5 3h11l3 3v15H5zM8 3v6h8V3M8 21v-7h8v7',
  warn: 'M12 3l10 18H2zM12 10v5M12 18v.5',
  fit: 'M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5',
};

export function Icon({ name, size = 16, className }: { name: keyof typeof PATHS | string; size?: number; className?: string }) {
  return (
    <svg className={className} width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      <path d={PATHS[name] ?? ''} fill={name === 'play' || name === 'pause' || name === 'step' || name === 'forward' ? 'currentColor' : 'none'} />
    </svg>
  );
}
