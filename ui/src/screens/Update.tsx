// Kaidan updating itself: the offer of a new version (looked for once a day, silently, while
// the window is open), "Check for updates" in Settings, and the install: download with a
// progress bar and a stop button, then the backup and the installer, then the restart. What
// may happen when (the owner's call, never during an import, a verified backup first) is
// decided by the Rust side; this shows what it answers.
import { useEffect, useRef, useState } from "react";
import type { UpdateOffer } from "../bindings";
import { BackendError } from "../backend";
import { ErrorBox, Notice, useAction, useApp } from "../ui";

/** How long after the window opens the daily look happens (not competing with the first screen). */
const FIRST_LOOK_MS = 5_000;
/** The window asks again every hour; the Rust side looks at most once a day. */
const LOOK_EVERY_MS = 60 * 60 * 1000;

const mb = (bytes: number) => (bytes / (1024 * 1024)).toFixed(1);

/** The bar above every screen when a new version is on offer. */
export function UpdateBanner() {
  const { t, backend } = useApp();
  const [offer, setOffer] = useState<UpdateOffer | null>(null);
  const [later, setLater] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    let live = true;
    // silent: no answer from the server (offline) is no offer
    const look = () => backend.updateCheck(false).then((o) => live && setOffer(o), () => undefined);
    const first = setTimeout(look, FIRST_LOOK_MS);
    const every = setInterval(look, LOOK_EVERY_MS);
    return () => {
      live = false;
      clearTimeout(first);
      clearInterval(every);
    };
  }, [backend]);
  if (!offer || later === offer.version) return null;
  return (
    <div className="update-banner" data-testid="update-banner" data-version={offer.version}>
      <span>{t.t("update_available", { version: offer.version, current: offer.current })}</span>
      {open ? (
        <UpdateInstall offer={offer} onClose={() => setOpen(false)} />
      ) : (
        <span className="buttons">
          <button type="button" className="primary" data-action="update-see" onClick={() => setOpen(true)}>
            {t.t("update_see")}
          </button>
          <button type="button" className="link" data-action="update-later" onClick={() => setLater(offer.version)}>
            {t.t("update_later")}
          </button>
        </span>
      )}
    </div>
  );
}

/** Settings: the version running, "Check for updates", and the install of what was found. */
export function UpdateSection() {
  const { t, backend, info } = useApp();
  const [offer, setOffer] = useState<UpdateOffer | null>(null);
  const [msg, setMsg] = useState<string | null>(null);
  const act = useAction();
  return (
    <section className="card" data-testid="updates">
      <h2>{t.t("updates_title")}</h2>
      <p>{t.t("update_version_now", { version: info.version })}</p>
      <Notice text={msg} />
      <ErrorBox error={act.error} />
      {offer ? (
        <UpdateInstall offer={offer} onClose={() => setOffer(null)} />
      ) : (
        <button
          type="button"
          data-action="update-check"
          disabled={act.busy}
          onClick={() =>
            act.run(async () => {
              setMsg(null);
              const found = await backend.updateCheck(true);
              if (found) setOffer(found);
              else setMsg(t.t("update_latest", { version: info.version }));
            })
          }
        >
          {t.t("update_check")}
        </button>
      )}
    </section>
  );
}

type Phase = "ask" | "download" | "install" | "restart";

/** What will happen, then the download (progress, stop), the backup and the installer. */
export function UpdateInstall({ offer, onClose }: { offer: UpdateOffer; onClose: () => void }) {
  const { t, backend } = useApp();
  const [phase, setPhase] = useState<Phase>("ask");
  const [bytes, setBytes] = useState({ done: 0, total: 0 });
  const [msg, setMsg] = useState<string | null>(null);
  const act = useAction();
  const timer = useRef<ReturnType<typeof setInterval> | null>(null);
  useEffect(() => () => void (timer.current && clearInterval(timer.current)), []);

  const install = () =>
    act.run(async () => {
      setMsg(null);
      setPhase("download");
      setBytes({ done: 0, total: 0 });
      timer.current = setInterval(
        () =>
          void backend.updateProgress().then(
            (p) => p.running && setBytes({ done: p.done, total: p.total }),
            () => undefined, // the next tick asks again
          ),
        250,
      );
      let next: Phase = "ask";
      try {
        try {
          await backend.updateDownload();
        } catch (e) {
          if (e instanceof BackendError && e.code === "cancelled") {
            setMsg(t.t("update_cancelled"));
            return;
          }
          throw e;
        } finally {
          if (timer.current) clearInterval(timer.current);
          timer.current = null;
        }
        setPhase("install");
        const done = await backend.updateInstall();
        next = "restart";
        setMsg(t.t("update_restarting", { file: done.file, version: offer.version }));
      } finally {
        setPhase(next);
      }
    });

  return (
    <div className="update-install" data-testid="update-install" data-phase={phase}>
      {offer.date && <small>{t.t("update_published", { at: t.time(offer.date) })}</small>}
      {offer.notes && <pre className="update-notes">{offer.notes}</pre>}
      <p>{t.t("update_steps")}</p>
      <Notice text={msg} />
      <ErrorBox error={act.error} />
      {phase === "download" && (
        <div className="buttons">
          <progress max={bytes.total || 1} value={bytes.done} data-testid="update-progress" />
          <span>{t.t("update_downloading", { done: mb(bytes.done), total: bytes.total ? mb(bytes.total) : "…" })}</span>
          <button type="button" className="danger" data-action="update-cancel" onClick={() => backend.updateCancel()}>
            {t.t("update_cancel")}
          </button>
        </div>
      )}
      {phase === "install" && <p role="status">{t.t("update_installing")}</p>}
      {phase === "ask" && (
        <div className="buttons">
          <button type="button" className="primary" data-action="update-install" disabled={act.busy} onClick={install}>
            {t.t("update_go")}
          </button>
          <button type="button" data-action="update-close" disabled={act.busy} onClick={onClose}>
            {t.t("update_close")}
          </button>
        </div>
      )}
    </div>
  );
}
