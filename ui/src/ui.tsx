// Shared pieces: the app context (language, backend, navigation) and small components.
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from "react";
import type { AppInfo } from "./bindings";
import type { Backend } from "./backend";
import { BackendError } from "./backend";
import type { T } from "./i18n";

export interface AppCtx {
  t: T;
  backend: Backend;
  info: AppInfo;
  go: (route: string) => void;
  reloadInfo: () => Promise<void>;
  setLang: (lang: AppInfo["lang"]) => Promise<void>;
}

export const Ctx = createContext<AppCtx | null>(null);
export const useApp = () => useContext(Ctx)!;

/** Loads something from the backend; reloads when `deps` change. */
export function useLoad<V>(load: () => Promise<V>, deps: unknown[]): { data: V | null; error: string | null; reload: () => void } {
  const [data, setData] = useState<V | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [n, setN] = useState(0);
  useEffect(() => {
    let live = true;
    load().then(
      (v) => live && (setData(v), setError(null)),
      (e) => live && setError(e instanceof BackendError ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, n]);
  return { data, error, reload: useCallback(() => setN((x) => x + 1), []) };
}

/** Runs a user action, showing its error (already in the user's language) until the next try. */
export function useAction(): { busy: boolean; error: BackendError | null; run: <V>(f: () => Promise<V>) => Promise<V | undefined>; clear: () => void } {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<BackendError | null>(null);
  const run = useCallback(async <V,>(f: () => Promise<V>) => {
    setBusy(true);
    setError(null);
    try {
      return await f();
    } catch (e) {
      setError(e instanceof BackendError ? e : new BackendError("ipc", String(e), null));
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, run, clear: useCallback(() => setError(null), []) };
}

export function ErrorBox({ error }: { error: string | BackendError | null }) {
  if (!error) return null;
  return (
    <div className="error" role="alert" data-testid="error">
      {typeof error === "string" ? error : error.message}
    </div>
  );
}

/** A confirmation of what was just done. */
export function Notice({ text }: { text: string | null }) {
  if (!text) return null;
  return (
    <div className="notice" role="status">
      {text}
    </div>
  );
}

export function Field({ label, children, wide }: { label: string; children: ReactNode; wide?: boolean }) {
  return (
    <label className={wide ? "field wide" : "field"}>
      <span>{label}</span>
      {children}
    </label>
  );
}

export function StatusBadge({ status }: { status: import("./bindings").OrderStatus }) {
  const { t } = useApp();
  return <span className={`badge st-${status}`}>{t.status(status)}</span>;
}

/** Today in the shop's local time, `YYYY-MM-DD`. */
export function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/** A card with a form of fields, its error, and Save / Cancel. */
export function FormCard(props: {
  title: string;
  testid: string;
  action: string;
  act: { busy: boolean; error: BackendError | null };
  onSubmit: () => void;
  onCancel: () => void;
  children: ReactNode;
}) {
  const { t } = useApp();
  return (
    <form
      className="card form"
      data-testid={props.testid}
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit();
      }}
    >
      <h2>{props.title}</h2>
      <div className="fields">{props.children}</div>
      <ErrorBox error={props.act.error} />
      <div className="buttons">
        <button type="submit" className="primary" disabled={props.act.busy} data-action={props.action}>
          {t.t("save")}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t.t("cancel")}
        </button>
      </div>
    </form>
  );
}
