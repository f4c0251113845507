/** Date labels; Intl formatters are created once per locale and reused. */

const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();
const absoluteFormats = new Map<string, Intl.DateTimeFormat>();

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/** "3 days ago", "just now"-style label for `date` as seen at `now`. */
export function relativeTimeLabel(date: Date, now: number, locale = 'en'): string {
  let format = relativeFormats.get(locale);
  if (!format) relativeFormats.set(locale, (format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })));
  const seconds = Math.round((date.getTime() - now) / 1000);
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size || unit === 'second') {
      // Anything under 10 seconds (or slightly in the future from clock skew) reads as "now".
      if (unit === 'second' && Math.abs(seconds) < 10) return format.format(0, 'second');
      return format.format(Math.trunc(seconds / size), unit);
    }
  }
  return format.format(0, 'second');
}

/** Full date and time, e.g. "March 3, 2014 at 9:41 AM". */
export function absoluteDateLabel(date: Date, locale = 'en'): string {
  let format = absoluteFormats.get(locale);
  if (!format) absoluteFormats.set(locale, (format = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' })));
  return format.format(date);
}
