/**
 * Intl date formatters, one per use and time zone. Building one costs far more than using it,
 * and the desk formats on every receipt, ticket and exported row.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The formatter for `use` (a name for the locale and options) in `timeZone`, built on first call. */
export function zoneFormatter(use: string, timeZone: string, build: (timeZone: string) => Intl.DateTimeFormat): Intl.DateTimeFormat {
  const key = `${use}|${timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    f = build(timeZone);
    formatters.set(key, f);
  }
  return f;
}
