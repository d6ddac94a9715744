import { useCallback, useEffect, useMemo, useState } from "react";
import type { Action, AppInfo, AtCounter, Lang } from "./bindings";
import type { Backend } from "./backend";
import { translator, type Key } from "./i18n";
import { Ctx, type AppCtx } from "./ui";
import { FirstRun } from "./screens/FirstRun";
import { Home } from "./screens/Home";
import { OrderEntry } from "./screens/OrderEntry";
import { Orders } from "./screens/Orders";
import { Reports } from "./screens/Reports";
import { OrderDetail } from "./screens/OrderDetail";
import { Products, ProductDetail } from "./screens/Products";
import { Customers, CustomerDetail } from "./screens/Customers";
import { Stock } from "./screens/Stock";
import { Receivables } from "./screens/Receivables";
import { Import } from "./screens/Import";
import { RestoreDamaged, SettingsScreen } from "./screens/Settings";
import { UpdateBanner } from "./screens/Update";
import { SyncMark } from "./screens/Sync";
import { OwnerApproval, PEOPLE_CHANGED, SignIn, useIdleLock } from "./screens/People";

const LANG_KEY = "kaidan.lang";

function useHashRoute(): [string, (r: string) => void] {
  const read = () => decodeURIComponent(window.location.hash.replace(/^#/, "")) || "/home";
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const on = () => setRoute(read());
    window.addEventListener("hashchange", on);
    return () => window.removeEventListener("hashchange", on);
  }, []);
  return [route, useCallback((r: string) => void (window.location.hash = r), [])];
}

const NAV: [string, Key][] = [
  ["/home", "nav_home"],
  ["/new", "nav_new_order"],
  ["/orders", "nav_orders"],
  ["/products", "nav_products"],
  ["/customers", "nav_customers"],
  ["/receivables", "nav_receivables"],
  ["/reports", "nav_reports"],
  ["/stock", "nav_stock"],
  ["/import", "nav_import"],
  ["/settings", "nav_settings"],
];

export function App({ backend }: { backend: Backend }) {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [fatal, setFatal] = useState<string | null>(null);
  const [route, go] = useHashRoute();

  const setLang = useCallback(
    async (lang: Lang) => {
      localStorage.setItem(LANG_KEY, lang);
      setInfo(await backend.setLanguage(lang));
      setInfo(await backend.appInfo());
    },
    [backend],
  );
  const reloadInfo = useCallback(async () => setInfo(await backend.appInfo()), [backend]);

  // who is at the counter: asked again when the shop is set up, the operators change, or on lock
  const [counter, setCounter] = useState<AtCounter | null>(null);
  const initialized = !!info?.initialized;
  const reloadCounter = useCallback(() => void backend.atCounter().then(setCounter, () => setCounter(null)), [backend]);
  useEffect(() => {
    if (initialized) reloadCounter();
    window.addEventListener(PEOPLE_CHANGED, reloadCounter);
    return () => window.removeEventListener(PEOPLE_CHANGED, reloadCounter);
  }, [initialized, reloadCounter]);
  const asked = !!counter?.sign_in_required;
  const lock = useCallback(() => void backend.signOut().then(setCounter, () => {}), [backend]);
  useIdleLock(counter?.idle_lock_minutes ?? 0, asked && !!counter?.signed_in, lock);

  useEffect(() => {
    (async () => {
      const first = await backend.appInfo();
      const chosen = localStorage.getItem(LANG_KEY) as Lang | null;
      const lang = chosen === "zh-CN" || chosen === "en" ? chosen : first.system_lang;
      if (lang !== first.lang) await backend.setLanguage(lang);
      setInfo(await backend.appInfo());
    })().catch((e) => setFatal(String(e?.message ?? e)));
  }, [backend]);

  // F2 anywhere: a new order (the counter's most frequent action)
  useEffect(() => {
    const on = (e: KeyboardEvent) => {
      // nothing behind the sign-in screen moves while it is up
      if (document.querySelector('[data-screen="sign-in"]')) return;
      if (e.key === "F2") {
        e.preventDefault();
        go("/new");
      }
      // F9: another person at the counter (then their PIN)
      if (e.key === "F9" && asked) {
        e.preventDefault();
        lock();
      }
    };
    window.addEventListener("keydown", on);
    return () => window.removeEventListener("keydown", on);
  }, [go, asked, lock]);

  const ctx: AppCtx | null = useMemo(
    () =>
      info
        ? {
            t: translator(info.lang),
            backend,
            info,
            go,
            reloadInfo,
            setLang,
            who: counter?.signed_in?.name ?? null,
            may: (a: Action) => (counter?.signed_in ? counter.signed_in.may.includes(a) : !counter?.sign_in_required),
          }
        : null,
    [info, backend, go, reloadInfo, setLang, counter],
  );
  useEffect(() => {
    if (!info) return;
    document.documentElement.lang = info.lang;
    // when the first screen could take input (read by tests/e2e/bench.mjs)
    (window as { kaidanReadyAt?: number }).kaidanReadyAt ??= performance.now();
  }, [info]);

  if (fatal) return <div className="error" role="alert">{fatal}</div>;
  if (!ctx) return <div className="loading">…</div>;
  const { t } = ctx;
  if (ctx.info.open_error) {
    return (
      <div className="first-run" data-screen="open-error">
        <div className="card wide">
          <h1>{t.t("open_error_title")}</h1>
          <div className="error" role="alert">
            {ctx.info.open_error.message}
          </div>
          <p>{t.t("open_error_lead")}</p>
          <dl className="facts">
            <dt>{t.t("db_path")}</dt>
            <dd>{ctx.info.db_path}</dd>
          </dl>
          <Ctx.Provider value={ctx}>
            <RestoreDamaged />
          </Ctx.Provider>
        </div>
      </div>
    );
  }
  if (!ctx.info.initialized) {
    return (
      <Ctx.Provider value={ctx}>
        <FirstRun />
      </Ctx.Provider>
    );
  }
  const [path, query] = route.split("?");
  const [, section, arg] = path.split("/");
  let screen;
  switch (section) {
    case "new":
      screen = <OrderEntry key={route} />;
      break;
    case "orders":
      screen = arg ? <OrderDetail key={arg} number={arg} /> : <Orders key={query ?? ""} params={new URLSearchParams(query ?? "")} />;
      break;
    case "products":
      screen = arg ? <ProductDetail key={arg} sku={arg} justAdded={new URLSearchParams(query ?? "").has("added")} /> : <Products />;
      break;
    case "customers":
      screen = arg ? <CustomerDetail key={arg} id={arg} /> : <Customers />;
      break;
    case "stock":
      screen = <Stock />;
      break;
    case "receivables":
      screen = <Receivables />;
      break;
    case "reports":
      // the reports carry margins: not for someone who may not see them (nor left open for them)
      screen =
        !ctx.may!("costs.see") ? <Home /> : <Reports key={`reports-${ctx.who ?? ""}`} params={new URLSearchParams(query ?? "")} />;
      break;
    case "import":
      screen = <Import />;
      break;
    case "settings":
      screen = <SettingsScreen />;
      break;
    default:
      screen = <Home />;
  }
  return (
    <Ctx.Provider value={ctx}>
      <div className="layout">
        <nav className="sidebar" aria-label="main">
          <div className="brand">
            {t.t("app_name")}
            <small>{ctx.info.company?.name}</small>
          </div>
          {NAV.filter(([r]) => r !== "/reports" || ctx.may!("costs.see")).map(([r, k]) => (
            <a key={r} href={`#${r}`} className={`/${section}` === r ? "active" : ""} data-nav={r.slice(1)}>
              {t.t(k)}
              {r === "/new" && <kbd>F2</kbd>}
            </a>
          ))}
          {counter?.signed_in && asked && (
            <div className="who" data-signed-in={counter.signed_in.name}>
              {t.t("signed_in_as", { name: counter.signed_in.name, role: t.role(counter.signed_in.role) })}
              <button type="button" onClick={lock} data-action="switch-person">
                {t.t("switch_person")} <kbd>F9</kbd>
              </button>
            </div>
          )}
          <SyncMark />
          <div className="lang-switch">
            <button type="button" data-lang="zh-CN" className={ctx.info.lang === "zh-CN" ? "on" : ""} onClick={() => setLang("zh-CN")}>
              中文
            </button>
            <button type="button" data-lang="en" className={ctx.info.lang === "en" ? "on" : ""} onClick={() => setLang("en")}>
              English
            </button>
          </div>
        </nav>
        <main className="content">
          <UpdateBanner />
          {screen}
        </main>
      </div>
      {counter && asked && !counter.signed_in && <SignIn counter={counter} onSignedIn={setCounter} />}
      {counter && <OwnerApproval owners={counter.operators.filter((o) => o.role === "owner").map((o) => o.name)} />}
    </Ctx.Provider>
  );
}
