import { useEffect, useState } from "react";
import type { BackupEntry, Company, Paper, Settings } from "../bindings";
import { ErrorBox, Notice, Field, useAction, useApp, useLoad, Head, FilePick, OpenFolder } from "../ui";
import { Operators, PEOPLE_CHANGED } from "./People";
import { UpdateSection } from "./Update";
import { SyncSection } from "./Sync";

export function SettingsScreen() {
  const { t, backend, info, setLang, reloadInfo } = useApp();
  const settings = useLoad(() => backend.settings(), []);
  const [company, setCompany] = useState<Company | null>(info.company);
  const [threshold, setThreshold] = useState("");
  const [msg, setMsg] = useState<string | null>(null);
  const act = useAction({ queue: true }); // each control saves at once: one after another, none dropped
  useEffect(() => {
    if (settings.data) setThreshold(settings.data.approval_threshold ?? "");
  }, [settings.data]);
  if (!settings.data || !company) return <div className="loading">{t.t("loading")}</div>;
  const s = settings.data;
  const text = (k: keyof Company, label: string) => (
    <Field key={k} label={label}>
      <input name={`company_${k}`} value={(company[k] as string | null) ?? ""} onChange={(e) => setCompany({ ...company, [k]: e.target.value || null })} />
    </Field>
  );
  const saved = () => {
    setMsg(t.t("saved"));
    settings.reload();
  };
  return (
    <div className="screen" data-screen="settings">
      <h1>{t.t("settings_title")}</h1>
      <Notice text={msg} />
      <ErrorBox error={act.error} />
      <form
        className="card form"
        onSubmit={(e) => {
          e.preventDefault();
          act.run(async () => {
            await backend.updateCompany({ ...company, name: company.name ?? "" });
            await reloadInfo();
            saved();
          });
        }}
      >
        <h2>{t.t("company")}</h2>
        <div className="fields">
          {text("name", t.t("company_name"))}
          {(["address", "phone", "tax_id", "bank_account"] as const).map((k) => text(k, t.t(k)))}
        </div>
        <button type="submit" className="primary" data-action="save-company" disabled={act.busy}>
          {t.t("save")}
        </button>
        <Field label={t.t("logo")} wide>
          <FilePick
            name="logo"
            accept="image/png,image/jpeg"
            label={t.t("choose_image")}
            onPick={(file) => act.run(async () => (await backend.setLogo(new Uint8Array(await file.arrayBuffer())), saved()))}
          />
          <button type="button" data-action="remove-logo" disabled={act.busy} onClick={() => act.run(async () => (await backend.setLogo(null), saved()))}>
            {t.t("remove_logo")}
          </button>
        </Field>
      </form>
      <div className="card form">
        <h2>{t.t("nav_settings")}</h2>
        <div className="fields">
          <Field label={t.t("approval_threshold")}>
            <input
              name="approval_threshold"
              value={threshold}
              onChange={(e) => setThreshold(e.target.value)}
              onBlur={() => threshold !== (s.approval_threshold ?? "") && act.run(async () => (await backend.setSetting("approval_threshold", threshold.trim() || "none"), saved()))}
            />
          </Field>
          <label className="check">
            <input
              type="checkbox"
              name="allow_negative_stock"
              checked={s.allow_negative_stock}
              onChange={(e) => act.run(async () => (await backend.setSetting("allow_negative_stock", String(e.target.checked)), saved()))}
            />{" "}
            {t.t("negative_stock")}
          </label>
          {(["paper_invoice", "paper_delivery", "paper_receipt"] as const).map((key) => (
            <Field key={key} label={t.t(key)}>
              <select name={key} value={s[key]} onChange={(e) => act.run(async () => (await backend.setSetting(key, e.target.value), saved()))}>
                {(["a4", "a5", "80mm", "58mm", "241mm"] as const).map((p) => (
                  <option key={p} value={p}>
                    {t.t(`paper_${p}`)}
                  </option>
                ))}
              </select>
            </Field>
          ))}
          <label className="check">
            <input
              type="checkbox"
              name="delivery_note_prices"
              checked={s.delivery_note_prices}
              onChange={(e) => act.run(async () => (await backend.setSetting("delivery_note_prices", String(e.target.checked)), saved()))}
            />{" "}
            {t.t("delivery_note_prices")}
          </label>
          <Field label={t.t("document_language")}>
            <select
              name="document_language"
              value={s.document_language}
              onChange={(e) => act.run(async () => (await backend.setSetting("document_language", e.target.value), saved()))}
            >
              <option value="zh-CN">中文（简体）</option>
              <option value="en">English</option>
              <option value="bilingual">中文 + English</option>
            </select>
          </Field>
          <Field label={t.t("language")}>
            <select name="language" value={info.lang} onChange={(e) => setLang(e.target.value as "zh-CN" | "en")}>
              <option value="zh-CN">中文（简体）</option>
              <option value="en">English</option>
            </select>
          </Field>
        </div>
      </div>
      <Operators />
      <div className="card form">
        <div className="fields">
          <Field label={t.t("idle_lock_minutes")}>
            <input
              name="idle_lock_minutes"
              inputMode="numeric"
              defaultValue={String(s.idle_lock_minutes)}
              onBlur={(e) =>
                e.target.value.trim() !== String(s.idle_lock_minutes) &&
                act.run(async () => (await backend.setSetting("idle_lock_minutes", e.target.value.trim()), saved(), window.dispatchEvent(new Event(PEOPLE_CHANGED))))
              }
            />
          </Field>
        </div>
      </div>
      <Printing settings={s} onChanged={settings.reload} />
      <Backups folder={s.backup_dir} every={s.backup_every_minutes} onChanged={settings.reload} />
      <UpdateSection />
      <SyncSection />
      <dl className="facts">
        <dt>{t.t("db_path")}</dt>
        <dd>{info.db_path}</dd>
        <dt>{t.t("version")}</dt>
        <dd>{info.version}</dd>
      </dl>
    </div>
  );
}

/** Which printer each paper in use goes to, printing the delivery note on delivery, and the
 *  folder "Save as PDF" writes to. */
function Printing({ settings: s, onChanged }: { settings: Settings; onChanged: () => void }) {
  const { t, backend } = useApp();
  const printers = useLoad(() => backend.printers(), []);
  const folder = useLoad(() => backend.pdfFolder(), [s.pdf_dir]);
  const [msg, setMsg] = useState<string | null>(null);
  const act = useAction({ queue: true });
  // the papers the shop prints on, each with the documents that use it
  const docsOn = new Map<Paper, string[]>();
  const uses: [Paper, string][] = [
    [s.paper_invoice, t.list([t.doc("invoice"), t.doc("statement")])],
    [s.paper_delivery, t.doc("delivery_note")],
    [s.paper_receipt, t.doc("receipt")],
  ];
  for (const [paper, docs] of uses) docsOn.set(paper, [...(docsOn.get(paper) ?? []), docs]);
  const list = printers.data ?? [];
  const dflt = list.find((p) => p.is_default);
  const set = (key: string, value: string, said: string) =>
    act.run(async () => {
      await backend.setSetting(key, value);
      setMsg(said);
      onChanged();
    });
  const state = (st: string) => (st === "offline" ? ` · ${t.t("printer_state_offline")}` : st === "paused" ? ` · ${t.t("printer_state_paused")}` : "");
  return (
    <section className="card form" data-testid="printing">
      <h2>{t.t("printing_title")}</h2>
      <p className="hint">{t.t("printing_hint")}</p>
      <Notice text={msg} />
      <ErrorBox error={printers.error ?? folder.error ?? act.error} />
      {printers.data && list.length === 0 && (
        <div className="warn-box" role="status" data-testid="no-printers">
          {t.t("no_printers")}
        </div>
      )}
      <div className="fields">
        {[...docsOn.entries()].map(([paper, docs]) => {
          const chosen = s.printers.find((p) => p.paper === paper)?.printer ?? "";
          const missing = chosen !== "" && printers.data !== null && !list.some((p) => p.name === chosen);
          return (
            <Field key={paper} label={t.t("printer_for", { paper: t.t(`paper_${paper}`), docs: t.list(docs) })}>
              <select name={`printer_${paper}`} value={chosen} disabled={act.busy} onChange={(e) => set(`printer_${paper}`, e.target.value || "default", t.t("saved"))}>
                <option value="">{dflt ? t.t("printer_system_default_named", { name: dflt.label }) : t.t("printer_system_default")}</option>
                {list.map((p) => (
                  <option key={p.name} value={p.name}>
                    {p.label === p.name ? p.name : `${p.label} (${p.name})`}
                    {state(p.state)}
                  </option>
                ))}
                {missing && <option value={chosen}>{t.t("printer_not_installed", { name: chosen })}</option>}
              </select>
            </Field>
          );
        })}
      </div>
      <div className="checks">
        <label className="check">
          <input
            type="checkbox"
            name="print_delivery_note_on_delivery"
            checked={s.print_delivery_note_on_delivery}
            onChange={(e) => set("print_delivery_note_on_delivery", String(e.target.checked), t.t("saved"))}
          />{" "}
          {t.t("print_delivery_note_on_delivery")}
        </label>
        <label className="check">
          <input
            type="checkbox"
            name="print_receipt_on_counter_sale"
            checked={s.print_receipt_on_counter_sale}
            onChange={(e) => set("print_receipt_on_counter_sale", String(e.target.checked), t.t("saved"))}
          />{" "}
          {t.t("print_receipt_on_counter_sale")}
        </label>
      </div>
      <div className="buttons">
        <button type="button" data-action="refresh-printers" onClick={() => printers.reload()}>
          {t.t("refresh_printers")}
        </button>
      </div>
      <dl className="facts">
        <dt>{t.t("pdf_dir")}</dt>
        <dd>
          <span data-testid="pdf-dir">{folder.data ?? ""}</span>{" "}
          <button
            type="button"
            data-action="set-pdf-dir"
            disabled={act.busy}
            onClick={() =>
              act.run(async () => {
                const dir = await backend.pickFolder(t.t("pdf_dir"));
                if (dir === null) return;
                await backend.setSetting("pdf_dir", dir);
                setMsg(t.t("pdf_dir_set", { folder: dir }));
                onChanged();
              })
            }
          >
            {t.t("choose_folder")}
          </button>
          {s.pdf_dir && (
            <button type="button" className="link" data-action="default-pdf-dir" disabled={act.busy} onClick={() => set("pdf_dir", "default", t.t("saved"))}>
              {t.t("backup_dir_use_default")}
            </button>
          )}
          {folder.data && <OpenFolder path={folder.data} />}
        </dd>
      </dl>
    </section>
  );
}

/** The backup folder, "save a copy as", and the backups in the folder, each restorable after a confirmation. */
function Backups({ folder, every, onChanged }: { folder: string | null; every: number; onChanged: () => void }) {
  const { t, backend, reloadInfo } = useApp();
  const list = useLoad(() => backend.backups(), [folder]);
  const [minutes, setMinutes] = useState(String(every));
  const [msg, setMsg] = useState<string | null>(null);
  const act = useAction();
  /** Sets the backup folder (`default`: beside the data file) and says which it is now. */
  const setFolder = async (value: string, shown: string) => {
    await backend.setSetting("backup_dir", value);
    setMsg(t.t("backup_dir_set", { folder: shown }));
    onChanged();
  };
  return (
    <section className="card" data-testid="backups">
      <h2>{t.t("backups_title")}</h2>
      <Notice text={msg} />
      <ErrorBox error={list.error ?? act.error} />
      <dl className="facts backup-folders">
        <dt>{t.t("backup_dir")}</dt>
        <dd>
          <span data-testid="backup-dir">{folder ?? t.t("backup_dir_default")}</span>{" "}
          <button
            type="button"
            data-action="set-backup-dir"
            disabled={act.busy}
            onClick={() =>
              act.run(async () => {
                const dir = await backend.pickFolder(t.t("backup_dir"));
                if (dir !== null) await setFolder(dir, dir);
              })
            }
          >
            {t.t("choose_folder")}
          </button>
          {folder && (
            <button
              type="button"
              className="link"
              data-action="default-backup-dir"
              disabled={act.busy}
              onClick={() =>
act.run(() => setFolder("default", t.t("backup_dir_default")))
              }
            >
              {t.t("backup_dir_use_default")}
            </button>
          )}
        </dd>
      </dl>
      <div className="buttons">
        <button
          type="button"
          data-action="backup-copy"
          disabled={act.busy}
          onClick={() =>
            act.run(async () => {
              const dir = await backend.pickFolder(t.t("backup_copy_to"));
              if (dir !== null) setMsg(t.t("backup_done", { file: (await backend.backupTo(dir)).file }));
            })
          }
        >
          {t.t("backup_copy")}
        </button>
        <RestoreFromFile onDone={async (m) => (setMsg(m), list.reload(), await reloadInfo())} />
      </div>
      <div className="fields">
        <Field label={t.t("backup_every_minutes")}>
          <input name="backup_every_minutes" inputMode="numeric" value={minutes} onChange={(e) => setMinutes(e.target.value)} />
        </Field>
        <button
          type="button"
          data-action="set-backup-every"
          disabled={act.busy || minutes.trim() === String(every)}
          onClick={() =>
            act.run(async () => {
              await backend.setSetting("backup_every_minutes", minutes.trim());
              setMsg(t.t("saved"));
              onChanged();
            })
          }
        >
          {t.t("save")}
        </button>
      </div>
      <BackupList
        list={list.data}
        restore={async (b) => {
          const done = await backend.restoreBackup(b.file);
          setMsg(t.t("restore_done", { at: t.time(b.created_at), file: done.safety_copy }));
          list.reload();
          await reloadInfo();
        }}
      />
    </section>
  );
}

/** When the shop's file cannot be opened: the intact backups beside it, one to restore. */
export function RestoreDamaged() {
  const { t, backend, reloadInfo } = useApp();
  const list = useLoad(() => backend.damagedBackups(), []);
  const [msg, setMsg] = useState<string | null>(null);
  return (
    <section data-testid="damaged-backups">
      <h2>{t.t("backups_title")}</h2>
      <Notice text={msg} />
      <ErrorBox error={list.error} />
      <div className="buttons">
        <RestoreFromFile onDone={async (m) => (setMsg(m), await reloadInfo())} />
      </div>
      <BackupList
        list={list.data}
        restore={async (b) => {
          const done = await backend.restoreDamaged(b.file);
          setMsg(t.t("restore_done", { at: t.time(b.created_at), file: done.safety_copy }));
          await reloadInfo();
        }}
      />
    </section>
  );
}

/** "Restore from another backup file…": the system's file dialog, then the restore (the
 *  current data saved aside first). Says nothing when the user cancels. */
export function RestoreFromFile({ onDone }: { onDone: (msg: string) => void }) {
  const { t, backend } = useApp();
  const act = useAction();
  return (
    <>
      <button
        type="button"
        data-action="restore-file"
        disabled={act.busy}
        onClick={() =>
          act.run(async () => {
            const done = await backend.restorePick(t.t("restore_file"), t.t("backup_files"));
            if (done) onDone(t.t("restore_file_done", { file: done.restored, copy: done.safety_copy }));
          })
        }
      >
        {t.t("restore_file")}
      </button>
      <ErrorBox error={act.error} />
    </>
  );
}

/** Backups with a restore button each, and the confirmation before one replaces the data. */
function BackupList({ list, restore }: { list: BackupEntry[] | null; restore: (b: BackupEntry) => Promise<void> }) {
  const { t } = useApp();
  const [pick, setPick] = useState<BackupEntry | null>(null);
  const act = useAction();
  return (
    <>
      <ErrorBox error={act.error} />
      {pick && (
        <div className="warn-box" data-testid="restore-confirm">
          <p>{t.t("restore_confirm", { at: t.time(pick.created_at) })}</p>
          <div className="buttons">
            <button
              className="danger"
              data-action="restore-confirm"
              disabled={act.busy}
              onClick={() =>
                act.run(async () => {
                  await restore(pick);
                  setPick(null);
                })
              }
            >
              {t.t("restore")}
            </button>
            <button onClick={() => setPick(null)}>{t.t("cancel")}</button>
          </div>
        </div>
      )}
      <table className="list">
        <Head cols={[t.t("backup_time"), t.t("backup_kind"), [t.t("nav_orders"), "num"], [t.t("nav_customers"), "num"], [t.t("nav_products"), "num"], t.t("last_order"), ""]} />
        <tbody>
          {list?.length === 0 && (
            <tr>
              <td colSpan={7} className="muted">
                {t.t("backup_never")}
              </td>
            </tr>
          )}
          {list?.map((b) => (
            <tr key={b.file} data-kind={b.kind}>
              <td title={b.file}>{t.time(b.created_at)}</td>
              <td>{t.backupKind(b.kind)}</td>
              <td className="num">{b.orders}</td>
              <td className="num">{b.customers}</td>
              <td className="num">{b.products}</td>
              <td>{b.last_order_number}</td>
              <td>
                <button className="small" data-action="restore" onClick={() => setPick(b)}>
                  {t.t("restore")}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
