import { useState } from "react";
import { ErrorBox, Field, useAction, useApp } from "../ui";
import { RestoreFromFile } from "./Settings";

export function FirstRun() {
  const { t, backend, reloadInfo, setLang, info } = useApp();
  const [shop, setShop] = useState("");
  const [owner, setOwner] = useState("");
  const [joinUrl, setJoinUrl] = useState("");
  const act = useAction();
  const start = (demo: boolean) =>
    act.run(async () => {
      await backend.initShop(shop, owner || (info.lang === "zh-CN" ? "店主" : "Owner"));
      if (demo) await backend.loadDemo(200);
      window.location.hash = "/home";
      await reloadInfo();
    });
  return (
    <div className="first-run">
      <div className="card">
        <h1>{t.t("first_title")}</h1>
        <p>{t.t("first_lead")}</p>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            start(false);
          }}
        >
          <Field label={t.t("first_shop_name")} wide>
            <input name="shop_name" autoFocus value={shop} onChange={(e) => setShop(e.target.value)} />
          </Field>
          <Field label={t.t("first_owner_name")} wide>
            <input name="owner_name" value={owner} onChange={(e) => setOwner(e.target.value)} />
          </Field>
          <ErrorBox error={act.error} />
          <div className="buttons">
            <button type="submit" className="primary" disabled={act.busy} data-action="start">
              {t.t("first_start")}
            </button>
            <button type="button" disabled={act.busy} onClick={() => start(true)} data-action="start-demo">
              {t.t("first_demo")}
            </button>
          </div>
        </form>
        <div className="first-join" data-section="first-join">
          <p className="muted">{t.t("first_join_lead")}</p>
          <Field label={t.t("first_join_url")} wide>
            <input name="join_url" value={joinUrl} onChange={(e) => setJoinUrl(e.target.value)} />
          </Field>
          <button
            type="button"
            disabled={act.busy || !joinUrl.trim()}
            data-action="join"
            onClick={() =>
              act.run(async () => {
                await backend.syncJoin(joinUrl.trim());
                window.location.hash = "/home";
                await reloadInfo();
              })
            }
          >
            {t.t("first_join")}
          </button>
        </div>
        <div className="first-restore" data-section="first-restore">
          <p className="muted">{t.t("first_restore_lead")}</p>
          <RestoreFromFile
            onDone={async () => {
              window.location.hash = "/home";
              await reloadInfo();
            }}
          />
        </div>
        <div className="lang-switch inline">
          <button type="button" data-lang="zh-CN" onClick={() => setLang("zh-CN")}>中文</button>
          <button type="button" data-lang="en" onClick={() => setLang("en")}>English</button>
        </div>
      </div>
    </div>
  );
}
