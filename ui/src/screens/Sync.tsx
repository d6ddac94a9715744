// Several counters, one set of books (docs/SYNC.md): the mark every screen shows (synced, N
// waiting, offline since …), the sync the window runs every few seconds (backing off while the
// server does not answer), Settings' server section, and the owner's list of what the server
// noticed with what to do about each. What may happen and what counts as a conflict is the Rust
// side's; this shows what it answers.
import { useEffect, useState } from "react";
import type { CounterRegistration, SyncIssue, SyncView } from "../bindings";
import { ErrorBox, Field, Notice, useAction, useApp } from "../ui";

/** A sync every 10 s while the server answers; while it does not, twice as long each time, up
 *  to 5 minutes. */
export const SYNC_EVERY_MS = 10_000;
export const SYNC_AT_MOST_MS = 5 * 60_000;
/** Another screen (Settings) synced or linked: the mark reads again. */
export const SYNC_CHANGED = "kaidan-sync-changed";

/** The next wait after a sync that `ok` or failed, from the wait before. */
export const nextWait = (before: number, ok: boolean) => (ok ? SYNC_EVERY_MS : Math.min(before * 2, SYNC_AT_MOST_MS));

/** The sidebar's mark, and the sync loop behind it. Nothing on a shop with one PC. */
export function SyncMark() {
  const { t, backend } = useApp();
  const [view, setView] = useState<SyncView | null>(null);
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let wait = SYNC_EVERY_MS;
    const tick = async () => {
      let linked = false;
      try {
        const v = await backend.syncView();
        linked = v.linked;
        if (live) setView(v);
        if (v.linked) {
          const done = await backend.syncNow();
          if (live) setView(done.view);
          wait = nextWait(wait, true);
        }
      } catch {
        // offline: the mark says since when (read again below); the counter works on
        wait = nextWait(wait, false);
        await backend.syncView().then((v) => live && setView(v), () => undefined);
      }
      if (live) timer = setTimeout(tick, linked ? wait : SYNC_AT_MOST_MS);
    };
    const again = () => {
      clearTimeout(timer);
      wait = SYNC_EVERY_MS;
      void tick();
    };
    void tick();
    window.addEventListener(SYNC_CHANGED, again);
    return () => {
      live = false;
      clearTimeout(timer);
      window.removeEventListener(SYNC_CHANGED, again);
    };
  }, [backend]);
  if (!view?.linked) return null;
  const state = view.running ? "running" : view.offline_since ? "offline" : view.waiting > 0 ? "waiting" : "synced";
  const text =
    state === "running"
      ? t.t("sync_mark_running")
      : state === "offline"
        ? t.t("sync_mark_offline", { at: t.time(view.offline_since!) })
        : state === "waiting"
          ? t.t("sync_mark_waiting", { n: String(view.waiting) })
          : t.t("sync_mark_synced");
  return (
    <a className={`sync-mark ${state}`} href="#/settings" data-testid="sync-mark" data-state={state} title={view.server ?? ""}>
      <span className="dot" aria-hidden="true" />
      {text}
      {view.device && <small>{view.device}</small>}
    </a>
  );
}

/** Settings: the server this counter syncs with (or making one from this shop), "Sync now", and
 *  the owner's list of oversells and conflicts. */
export function SyncSection() {
  const { t, backend, may } = useApp();
  const [view, setView] = useState<SyncView | null>(null);
  const [msg, setMsg] = useState<string | null>(null);
  const [url, setUrl] = useState("");
  const [code, setCode] = useState("A");
  const act = useAction();
  useEffect(() => {
    let live = true;
    backend.syncView().then((v) => live && setView(v), () => undefined);
    return () => {
      live = false;
    };
  }, [backend]);
  const owner = may ? may("settings.change") : true;
  if (!view) return null;
  return (
    <section className="card" data-testid="sync" data-linked={String(view.linked)}>
      <h2>{t.t("sync_title")}</h2>
      <Notice text={msg} />
      <ErrorBox error={act.error} />
      {!view.linked ? (
        <>
          <p>{t.t("sync_single")}</p>
          {owner && (
            <div className="form">
              <div className="fields">
                <Field label={t.t("sync_admin_url")} wide>
                  <input name="sync_admin_url" value={url} placeholder={t.t("sync_admin_url_hint")} onChange={(e) => setUrl(e.target.value)} />
                </Field>
                <Field label={t.t("sync_code")}>
                  <input name="sync_code" value={code} maxLength={8} onChange={(e) => setCode(e.target.value.toUpperCase())} />
                </Field>
              </div>
              <button
                type="button"
                className="primary"
                data-action="sync-make"
                disabled={act.busy || !url.trim()}
                onClick={() =>
                  act.run(async () => {
                    setMsg(null);
                    const v = await backend.syncMakeServer(url, code);
                    setView(v);
                    setUrl("");
                    setMsg(t.t("sync_made", { code: v.device ?? code }));
                    window.dispatchEvent(new Event(SYNC_CHANGED));
                  })
                }
              >
                {t.t("sync_make")}
              </button>
            </div>
          )}
        </>
      ) : (
        <>
          <dl className="facts">
            <dt>{t.t("sync_server")}</dt>
            <dd data-testid="sync-server">{view.server}</dd>
            <dt>{t.t("sync_device")}</dt>
            <dd data-testid="sync-device">{view.device}</dd>
            <dt>{t.t("sync_waiting")}</dt>
            <dd data-testid="sync-waiting">{view.waiting}</dd>
            <dt>{t.t("sync_synced_at")}</dt>
            <dd>{view.synced_at ? t.time(view.synced_at) : t.t("sync_never")}</dd>
            {view.offline_since && (
              <>
                <dt>{t.t("sync_offline_since")}</dt>
                <dd data-testid="sync-offline">{t.time(view.offline_since)}</dd>
              </>
            )}
          </dl>
          <button
            type="button"
            data-action="sync-now"
            disabled={act.busy}
            onClick={() =>
              act.run(async () => {
                setMsg(null);
                try {
                  const done = await backend.syncNow();
                  setView(done.view);
                  const n = { sent: String(done.sent), received: String(done.received), noticed: String(done.noticed) };
                  setMsg(done.noticed > 0 ? t.t("sync_done_noticed", n) : t.t("sync_done", n));
                } finally {
                  // the mark shows the outcome either way (offline since …)
                  await backend.syncView().then(setView, () => undefined);
                  window.dispatchEvent(new Event(SYNC_CHANGED));
                }
              })
            }
          >
            {t.t("sync_now")}
          </button>
          {owner && <AddCounter />}
          {owner && <SyncIssues />}
        </>
      )}
    </section>
  );
}

/** The owner registers a new counter: the address it joins with, shown once. */
export function AddCounter() {
  const { t, backend } = useApp();
  const [url, setUrl] = useState("");
  const [code, setCode] = useState("B");
  const [made, setMade] = useState<CounterRegistration | null>(null);
  const act = useAction();
  return (
    <div className="form sync-add" data-testid="sync-add">
      <h3>{t.t("sync_add_title")}</h3>
      <p className="muted">{t.t("sync_add_lead")}</p>
      <ErrorBox error={act.error} />
      <div className="fields">
        <Field label={t.t("sync_admin_url")} wide>
          <input name="sync_add_admin_url" value={url} placeholder={t.t("sync_admin_url_hint")} onChange={(e) => setUrl(e.target.value)} />
        </Field>
        <Field label={t.t("sync_add_code")}>
          <input name="sync_add_code" value={code} maxLength={8} onChange={(e) => setCode(e.target.value.toUpperCase())} />
        </Field>
      </div>
      <button
        type="button"
        data-action="sync-add"
        disabled={act.busy || !url.trim() || !code.trim()}
        onClick={() =>
          act.run(async () => {
            setMade(null);
            setMade(await backend.syncAddCounter(url, code));
            setUrl("");
          })
        }
      >
        {t.t("sync_add")}
      </button>
      {made && (
        <div className="notice" data-testid="sync-added">
          {t.t("sync_added", { code: made.device })}
          <pre className="address">{made.url}</pre>
        </div>
      )}
    </div>
  );
}

const KIND_WORD = {
  oversell: "sync_kind_oversell",
  stale_edit: "sync_kind_stale_edit",
  posted_edited: "sync_kind_posted_edited",
  unknown_row: "sync_kind_unknown_row",
  not_owner: "sync_kind_not_owner",
  duplicate_name: "sync_kind_duplicate_name",
  duplicate_import: "sync_kind_duplicate_import",
} as const;

/** What to do about one issue, in the user's words. */
export function issueTodo(t: ReturnType<typeof useApp>["t"], i: SyncIssue): string {
  switch (i.kind) {
    case "oversell":
      return t.t("sync_todo_oversell", { balance: i.balance ?? "" });
    case "stale_edit":
      return t.t("sync_todo_stale_edit", { wanted: i.wanted.join("；") });
    case "duplicate_name":
      return t.t("sync_todo_duplicate_name", { kept_as: i.kept_as ?? "" });
    case "duplicate_import":
      return t.t("sync_todo_duplicate_import");
    default:
      return t.t("sync_todo_refused");
  }
}

/** The owner's list: what the server noticed, newest first, each with what to do. */
export function SyncIssues() {
  const { t, backend } = useApp();
  const [issues, setIssues] = useState<SyncIssue[] | null>(null);
  const act = useAction();
  return (
    <div className="sync-issues" data-testid="sync-issues">
      <h3>{t.t("sync_issues_title")}</h3>
      <ErrorBox error={act.error} />
      {issues === null ? (
        <button type="button" data-action="sync-issues" disabled={act.busy} onClick={() => act.run(async () => setIssues(await backend.syncIssues()))}>
          {t.t("sync_issues_show")}
        </button>
      ) : issues.length === 0 ? (
        <p>{t.t("sync_issues_none")}</p>
      ) : (
        <ul>
          {issues.map((i) => (
            <li key={i.id} data-kind={i.kind}>
              <strong>{t.t(KIND_WORD[i.kind])}</strong> {i.subject}
              {i.document && <> · {i.document}</>} · {t.t("sync_issue_device", { device: i.device })} · {t.time(i.at)}
              <div className="todo">{issueTodo(t, i)}</div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
