// People at the counter: the sign-in (and lock) screen laid over the window, the owner's
// approval on the spot, and the operators in Settings. What a role may do is decided by the
// shop (kaidan-core's one table); the window only shows who is there and asks for PINs.
import { useEffect, useRef, useState } from "react";
import type { AtCounter, Operator, Role } from "../bindings";
import { BackendError, setAskOwner } from "../backend";
import { ErrorBox, Field, Notice, useAction, useApp, useLoad } from "../ui";

/** The sign-in screen, over the window (what was typed below stays): the operators as large
 *  buttons (keys 1–9 choose one), then the PIN. */
export function SignIn({ counter, onSignedIn }: { counter: AtCounter; onSignedIn: (c: AtCounter) => void }) {
  const { t, backend } = useApp();
  const [chosen, setChosen] = useState<string | null>(counter.operators.length === 1 ? counter.operators[0].name : null);
  const [pin, setPin] = useState("");
  const act = useAction();
  const pinRef = useRef<HTMLInputElement>(null);
  const op = counter.operators.find((o) => o.name === chosen) ?? null;
  // the window behind stays as it was, out of reach: no focus, no keys, no clicks
  useEffect(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    const behind = document.querySelector(".layout");
    behind?.setAttribute("inert", "");
    return () => behind?.removeAttribute("inert");
  }, []);
  useEffect(() => {
    if (op) pinRef.current?.focus();
  }, [op]);
  useEffect(() => {
    const on = (e: KeyboardEvent) => {
      // a digit chooses a person, unless it is typed into the PIN
      const n = /^([1-9])$/.exec(e.key);
      const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement || e.target instanceof HTMLTextAreaElement;
      if (n && !typing && counter.operators[+n[1] - 1]) {
        e.preventDefault();
        setChosen(counter.operators[+n[1] - 1].name);
        setPin("");
        act.clear();
      }
    };
    window.addEventListener("keydown", on);
    return () => window.removeEventListener("keydown", on);
  }, [counter.operators, act]);
  const go = () =>
    op &&
    act.run(async () => {
      const c = await backend.signIn(op.name, op.has_pin ? pin : null);
      setPin("");
      onSignedIn(c);
    });
  return (
    <div className="overlay locked" data-screen="sign-in" role="dialog" aria-modal="true" aria-labelledby="sign-in-title">
      <div className="card sign-in">
        <h1 id="sign-in-title">{t.t("sign_in_title")}</h1>
        <p>{t.t("sign_in_lead")}</p>
        <p className="muted">{t.t("locked_note")}</p>
        <div className="people">
          {counter.operators.map((o, i) => (
            <button
              key={o.name}
              type="button"
              className={o.name === chosen ? "person on" : "person"}
              data-operator={o.name}
              onClick={() => (setChosen(o.name), setPin(""), act.clear())}
            >
              <kbd>{i + 1}</kbd>
              <strong>{o.name}</strong>
              <small>{t.role(o.role)}</small>
            </button>
          ))}
        </div>
        {op && (
          <form
            className="form"
            onSubmit={(e) => {
              e.preventDefault();
              go();
            }}
          >
            {op.has_pin ? (
              <Field label={t.t("sign_in_pin")}>
                <input ref={pinRef} name="pin" type="password" inputMode="numeric" autoComplete="off" value={pin} onChange={(e) => setPin(e.target.value)} />
              </Field>
            ) : (
              <p className="muted">{t.t("sign_in_no_pin")}</p>
            )}
            <ErrorBox error={act.error} />
            <button type="submit" className="primary" disabled={act.busy || (op.has_pin && pin.length < 4)} data-action="sign-in">
              {t.t("sign_in_go")}
            </button>
          </form>
        )}
      </div>
    </div>
  );
}

/** Sent when the operators changed (Settings), for the window to ask the shop who is there. */
export const PEOPLE_CHANGED = "kaidan:people-changed";

type Asked = { refusal: BackendError; problem: string | null; answer: (v: { owner: string; pin: string } | null) => void };

/** The owner's approval on the spot: a clerk's action the shop refused as the owner's opens this,
 *  the owner types their PIN, and the same action goes again (backend.ts `call`). */
export function OwnerApproval({ owners }: { owners: string[] }) {
  const { t } = useApp();
  const [asked, setAsked] = useState<Asked | null>(null);
  const [owner, setOwner] = useState(owners[0] ?? "");
  const [pin, setPin] = useState("");
  useEffect(() => {
    // a second question while one is open: the first is left (its action stays refused)
    setAskOwner(
      (refusal, problem) =>
        new Promise((answer) =>
          setAsked((prev) => {
            prev?.answer(null);
            return { refusal, problem, answer };
          }),
        ),
    );
    return () => setAskOwner(null);
  }, []);
  useEffect(() => {
    if (!owners.includes(owner) && owners[0]) setOwner(owners[0]);
  }, [owners, owner]);
  if (!asked) return null;
  const done = (v: { owner: string; pin: string } | null) => {
    asked.answer(v);
    setAsked(null);
    setPin("");
  };
  return (
    <div className="overlay" data-screen="owner-approval" role="dialog" aria-modal="true" aria-labelledby="approve-title">
      <form
        className="card form sign-in"
        onSubmit={(e) => {
          e.preventDefault();
          done({ owner, pin });
        }}
      >
        <h2 id="approve-title">{t.t("approve_title")}</h2>
        <p>{asked.refusal.message}</p>
        <div className="fields">
          <Field label={t.t("approve_owner")}>
            <select name="approve_owner" value={owner} onChange={(e) => setOwner(e.target.value)}>
              {owners.map((o) => (
                <option key={o}>{o}</option>
              ))}
            </select>
          </Field>
          <Field label={t.t("approve_pin")}>
            <input name="approve_pin" type="password" inputMode="numeric" autoComplete="off" autoFocus value={pin} onChange={(e) => setPin(e.target.value)} />
          </Field>
        </div>
        {asked.problem && (
          <div className="error" role="alert">
            {asked.problem}
          </div>
        )}
        <div className="buttons">
          <button type="submit" className="primary" data-action="approve-owner">
            {t.t("approve_go")}
          </button>{" "}
          <button type="button" onClick={() => done(null)} data-action="approve-cancel">
            {t.t("approve_cancel")}
          </button>
        </div>
      </form>
    </div>
  );
}

/** Locks the window after `minutes` without a key or a click (0: never). */
export function useIdleLock(minutes: number, active: boolean, lock: () => void) {
  useEffect(() => {
    if (!active || minutes <= 0) return;
    let timer = window.setTimeout(lock, minutes * 60_000);
    const poke = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(lock, minutes * 60_000);
    };
    const events = ["keydown", "mousedown", "wheel", "touchstart"] as const;
    for (const e of events) window.addEventListener(e, poke, { passive: true });
    return () => {
      window.clearTimeout(timer);
      for (const e of events) window.removeEventListener(e, poke);
    };
  }, [minutes, active, lock]);
}

/** Settings: the operators, and the owner's care of them. */
export function Operators() {
  const { t, backend } = useApp();
  const list = useLoad(() => backend.operators(), []);
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>("clerk");
  const [pin, setPin] = useState("");
  const [msg, setMsg] = useState<string | null>(null);
  const act = useAction({ queue: true });
  const changed = (text: string) => {
    setMsg(text);
    list.reload();
    // who may sign in changed: the window's sign-in and approval know it at once
    window.dispatchEvent(new Event(PEOPLE_CHANGED));
  };
  const row = (o: Operator) => <OperatorRow key={o.id} op={o} act={act} changed={changed} />;
  return (
    <div className="card form" data-section="operators">
      <h2>{t.t("operators_title")}</h2>
      <p className="muted">{t.t("operators_lead")}</p>
      <Notice text={msg} />
      <ErrorBox error={act.error} />
      <table className="list">
        <tbody>{list.data?.map(row)}</tbody>
      </table>
      <form
        className="fields"
        onSubmit={(e) => {
          e.preventDefault();
          act.run(async () => {
            const op = await backend.addOperator(name, role, pin || null);
            setName("");
            setPin("");
            changed(t.t("operator_added", { name: op.name }));
          });
        }}
      >
        <Field label={t.t("operator_new")}>
          <input name="operator_name" value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field label={t.t("operator_role")}>
          <select name="operator_role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {(["clerk", "owner"] as const).map((r) => (
              <option key={r} value={r}>
                {t.role(r)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t.t("operator_pin")}>
          <input name="operator_pin" type="password" inputMode="numeric" autoComplete="new-password" value={pin} onChange={(e) => setPin(e.target.value)} />
        </Field>
        <button type="submit" disabled={act.busy || !name.trim()} data-action="add-operator">
          {t.t("operator_add")}
        </button>
      </form>
    </div>
  );
}

function OperatorRow({ op, act, changed }: { op: Operator; act: ReturnType<typeof useAction>; changed: (text: string) => void }) {
  const { t, backend } = useApp();
  const [pin, setPin] = useState("");
  const [newName, setNewName] = useState("");
  return (
    <tr data-operator={op.name} className={op.active ? "" : "muted"}>
      <td>
        <strong>{op.name}</strong>
      </td>
      <td>{t.role(op.role)}</td>
      <td>{op.active ? (op.has_pin ? t.t("operator_has_pin") : t.t("operator_no_pin")) : t.t("operator_inactive")}</td>
      <td>
        <input
          aria-label={t.t("operator_pin")}
          placeholder={t.t("operator_pin")}
          name="row_pin"
          type="password"
          inputMode="numeric"
          autoComplete="new-password"
          size={8}
          value={pin}
          onChange={(e) => setPin(e.target.value)}
        />{" "}
        <button
          type="button"
          disabled={pin.length < 4}
          onClick={() => act.run(async () => (await backend.setOperatorPin(op.name, pin), setPin(""), changed(t.t("operator_pin_saved", { name: op.name }))))}
        >
          {t.t("operator_set_pin")}
        </button>{" "}
        {op.has_pin && (
          <button type="button" onClick={() => act.run(async () => (await backend.setOperatorPin(op.name, null), changed(t.t("operator_pin_cleared", { name: op.name }))))}>
            {t.t("operator_clear_pin")}
          </button>
        )}
      </td>
      <td>
        <input aria-label={t.t("operator_new_name")} placeholder={t.t("operator_new_name")} name="row_name" size={8} value={newName} onChange={(e) => setNewName(e.target.value)} />{" "}
        <button
          type="button"
          disabled={!newName.trim()}
          onClick={() => act.run(async () => (await backend.renameOperator(op.name, newName), setNewName(""), changed(t.t("operator_saved"))))}
        >
          {t.t("operator_rename")}
        </button>
      </td>
      <td>
        <button
          type="button"
          data-action={op.active ? "deactivate" : "activate"}
          onClick={() => act.run(async () => (await backend.setOperatorActive(op.name, !op.active), changed(t.t("operator_saved"))))}
        >
          {op.active ? t.t("operator_deactivate") : t.t("operator_activate")}
        </button>
      </td>
    </tr>
  );
}

