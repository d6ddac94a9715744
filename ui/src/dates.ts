// Dates typed by hand: what a shop owner types into a date field, read as a calendar date.
// Tested in dates.test.ts. The window shows and sends dates as `YYYY-MM-DD` (ISO 8601), the
// same in both languages, so 12/04 is never read two ways.

/** `YYYY-MM-DD` of a local calendar date. */
export function isoDate(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/** The local calendar date of `YYYY-MM-DD`, or null. */
export function fromIso(v: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return null;
  const d = new Date(+m[1], +m[2] - 1, +m[3]);
  return d.getFullYear() === +m[1] && d.getMonth() === +m[2] - 1 && d.getDate() === +m[3] ? d : null;
}

const WORDS: Record<string, number> = { 今天: 0, 今日: 0, today: 0, 明天: 1, tomorrow: 1, 后天: 2, 昨天: -1, yesterday: -1 };

/**
 * A typed date as `YYYY-MM-DD`: "" for a blank field, null when it is not a date.
 * Reads year-month-day with -, /, . or 年月日 between (2026-12-4, 2026/12/04, 2026年12月4日),
 * eight digits (20261204), month-day in `today`'s year (12-4, 12月4日, 1204), a day of
 * `today`'s month (4 or 4日), today/明天-style words and +N days.
 */
export function parseDate(text: string, today: Date): string | null {
  const s = text.trim().toLowerCase().replace(/\s+/g, "");
  if (!s) return "";
  if (s in WORDS) return isoDate(addDays(today, WORDS[s]));
  const plus = /^\+(\d{1,3})天?$/.exec(s);
  if (plus) return isoDate(addDays(today, +plus[1]));
  const y = today.getFullYear();
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s))) return make(+m[1], +m[2], +m[3]);
  if ((m = /^(\d{4})(\d{2})(\d{2})$/.exec(s))) return make(+m[1], +m[2], +m[3]);
  if ((m = /^(\d{1,2})[-/.月](\d{1,2})日?$/.exec(s))) return make(y, +m[1], +m[2]);
  if ((m = /^(\d{2})(\d{2})$/.exec(s))) return make(y, +m[1], +m[2]);
  if ((m = /^(\d{1,2})日?$/.exec(s))) return make(y, today.getMonth() + 1, +m[1]);
  return null;
}

function make(y: number, m: number, d: number): string | null {
  const iso = `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
  return fromIso(iso) ? iso : null;
}

function addDays(d: Date, n: number): Date {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + n);
}
