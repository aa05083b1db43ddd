/** The product mark: a shield with balance scales. Deliberately not a state emblem. */
export function Emblem({ size = 32 }: { size?: number }) {
  return (
    <svg className="fz-emblem" width={size} height={size} viewBox="0 0 48 48" aria-hidden focusable="false">
      <path d="M24 3 41 9v13c0 11-7.2 19.4-17 23C14.2 41.4 7 33 7 22V9z" fill="#c8102e" />
      <path d="M24 7.5 37.5 12.3V22c0 8.8-5.6 15.6-13.5 18.8C16.1 37.6 10.5 30.8 10.5 22v-9.7z" fill="none" stroke="#f6d27a" strokeWidth="1.6" />
      <path d="M24 14v19M17 33h14M16 17h16" stroke="#fff" strokeWidth="2" strokeLinecap="round" />
      <path d="m16 17-3.5 7.5h7zM32 17l-3.5 7.5h7z" fill="none" stroke="#fff" strokeWidth="1.6" strokeLinejoin="round" />
      <path d="M12.5 24.5a3.5 2 0 0 0 7 0M28.5 24.5a3.5 2 0 0 0 7 0" fill="#fff" />
    </svg>
  );
}
