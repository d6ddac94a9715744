// A date field that reads what a shop owner types (2026-12-24, 12/24, 20261224, 明天, +7) and
// has a calendar in the user's language; it shows and sends `YYYY-MM-DD`. Replaces the
// browser's date input, whose look depends on the system (a grey US-style 12/04/2026 in an
// empty field, digits that do nothing, an English calendar).
import { useEffect, useRef, useState } from "react";
import { DayPicker } from "react-day-picker";
import { enUS, zhCN } from "react-day-picker/locale";
import "react-day-picker/style.css";
import { fromIso, isoDate, parseDate } from "./dates";
import { useApp } from "./ui";

/** `onChange`: the date as `YYYY-MM-DD`, "" when cleared, null while the text is not a date
 *  (the field then says so, and a form must not send it). */
export function DateField({ name, value, onChange, label }: { name: string; value: string; onChange: (v: string | null) => void; label?: string }) {
  const { t } = useApp();
  const [text, setText] = useState(value);
  const [open, setOpen] = useState(false);
  const [bad, setBad] = useState(false);
  const box = useRef<HTMLSpanElement>(null);
  // a value set from outside (a preset, a cleared form) replaces the text
  useEffect(() => {
    if (parseDate(text, new Date()) !== value) {
      setText(value);
      setBad(false);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);
  useEffect(() => {
    if (!open) return;
    const away = (e: MouseEvent) => box.current && !box.current.contains(e.target as Node) && setOpen(false);
    document.addEventListener("mousedown", away);
    return () => document.removeEventListener("mousedown", away);
  }, [open]);

  const typed = (s: string) => {
    setText(s);
    const v = parseDate(s, new Date());
    setBad(false);
    onChange(v);
  };
  const settle = () => {
    const v = parseDate(text, new Date());
    if (v === null) setBad(true);
    else setText(v);
  };
  const picked = (d: Date | undefined) => {
    const v = d ? isoDate(d) : "";
    setText(v);
    setBad(false);
    onChange(v);
    setOpen(false);
  };
  return (
    <span className="date-field" ref={box}>
      <input
        name={name}
        aria-label={label}
        autoComplete="off"
        placeholder={t.t("date_placeholder")}
        className={bad ? "bad" : ""}
        value={text}
        onChange={(e) => typed(e.target.value)}
        onBlur={settle}
        onKeyDown={(e) => {
          if (e.key === "Enter") settle();
          if (e.key === "Escape") setOpen(false);
        }}
      />
      <button type="button" className="link cal" title={t.t("date_pick")} aria-label={t.t("date_pick")} onClick={() => setOpen((o) => !o)}>
        <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">
          <rect x="1.5" y="3" width="13" height="11.5" rx="1.5" fill="none" stroke="currentColor" />
          <path d="M1.5 6.5h13M5 1.5v3M11 1.5v3" stroke="currentColor" />
        </svg>
      </button>
      {bad && (
        <span className="field-error" data-invalid={name}>
          {t.t("date_invalid")}
        </span>
      )}
      {open && (
        <span className="date-popover" data-testid={`calendar-${name}`}>
          <DayPicker
            mode="single"
            locale={t.lang === "zh-CN" ? zhCN : enUS}
            selected={fromIso(value) ?? undefined}
            defaultMonth={fromIso(value) ?? undefined}
            onSelect={picked}
            footer={
              <span className="buttons">
                <button type="button" onClick={() => picked(new Date())}>
                  {t.t("date_today")}
                </button>
                {value && (
                  <button type="button" onClick={() => picked(undefined)}>
                    {t.t("date_clear")}
                  </button>
                )}
              </span>
            }
          />
        </span>
      )}
    </span>
  );
}
