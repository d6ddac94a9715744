import { DateField } from "../DateField";
import { useState } from "react";
import type { Customer, CustomerInput, PayMethod } from "../bindings";
import { DocActions, DocLink, ErrorBox, Field, FormCard, MethodSelect, MoreRows, Notice, PaymentForm, localToday, useAction, useApp, useLoad, usePaged, Head, ScreenTitle } from "../ui";
import { Orders } from "./Orders";
import { CustomerLog } from "./Log";

export function Customers() {
  const { t, backend, go } = useApp();
  const [search, setSearch] = useState("");
  const [adding, setAdding] = useState(false);
  const [said, setSaid] = useState<string | null>(null);
  // each page of customers with what each owes now
  const list = usePaged<Customer & { balance?: string }>(
    async (after, limit) => {
      const cs = await backend.customers(search.trim() || null, after, limit);
      const owed = new Map((await backend.customerBalances(cs.map((c) => c.id))).map((b) => [b.customer_id, b.balance]));
      return cs.map((c) => ({ ...c, balance: owed.get(c.id) }));
    },
    (c) => c.name,
    [search],
  );
  return (
    <div className="screen" data-screen="customers">
      <ScreenTitle action="new-customer" label={t.t("customer_new")} primary onClick={() => setAdding(true)}>
        {t.t("customers_title")}
      </ScreenTitle>
      <Notice text={said} />
      {adding && (
        <CustomerForm
          onDone={(c) => {
            setAdding(false);
            if (c) {
              list.reload();
              setSaid(t.t("customer_added_msg", { name: c.name }));
            }
          }}
        />
      )}
      <div className="filters">
        <input type="search" name="customer_search" placeholder={t.t("search")} value={search} onChange={(e) => setSearch(e.target.value)} />
      </div>
      <ErrorBox error={list.error} />
      <table className="list" data-testid="customer-list">
        <Head cols={[t.t("name"), t.t("contact_person"), t.t("phone"), t.t("region"), [t.t("balance"), "num"], [t.t("credit_limit_col"), "num"]]} />
        <tbody>
          {list.rows.map((c) => (
            <tr key={c.id} className="clickable" onClick={() => go(`/customers/${encodeURIComponent(c.id)}`)} data-customer={c.name}>
              <td>
                <a href={`#/customers/${encodeURIComponent(c.id)}`}>{c.name}</a>
              </td>
              <td>{c.contact_person}</td>
              <td>{c.phones.join(", ")}</td>
              <td>{c.region}</td>
              <td className={c.balance?.startsWith("-") ? "num good-text" : "num"} data-balance={c.balance ?? ""}>
                {c.balance == null ? "" : t.money(c.balance)}
              </td>
              <td className="num">{c.credit_limit == null ? t.t("no_limit") : t.money(c.credit_limit)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <MoreRows list={list} />
    </div>
  );
}

function CustomerForm({ customer, onDone }: { customer?: Customer; onDone: (c: Customer | null) => void }) {
  const { t, backend } = useApp();
  const [f, setF] = useState({
    name: customer?.name ?? "",
    contact_person: customer?.contact_person ?? "",
    phones: customer?.phones.join(", ") ?? "",
    address: customer?.address ?? "",
    region: customer?.region ?? "",
    email: customer?.email ?? "",
    credit_limit: customer?.credit_limit ?? "",
    payment_terms_days: customer ? String(customer.payment_terms_days) : "",
    notes: customer?.notes ?? "",
  });
  const act = useAction();
  const input = (k: keyof typeof f, label: string, autoFocus = false) => (
    <Field key={k} label={label} errorFor={k === "phones" ? "phone" : k}>
      <input name={`customer_${k}`} autoFocus={autoFocus} value={f[k]} onChange={(e) => setF({ ...f, [k]: e.target.value })} />
    </Field>
  );
  const save = () =>
    act.run(async () => {
      const input: CustomerInput = {
        name: f.name,
        contact_person: f.contact_person,
        // as typed: the core splits several numbers at commas (a space stays in a number)
        phones: [f.phones],
        address: f.address,
        region: f.region,
        email: f.email,
        credit_limit: f.credit_limit,
        payment_terms_days: f.payment_terms_days.trim() || undefined,
        notes: f.notes,
      };
      onDone(await backend.saveCustomer(customer ? customer.id : null, input));
    });
  return (
    <FormCard title={customer ? t.t("customer_edit") : t.t("customer_new")} testid="customer-form" action="save-customer" act={act} onSubmit={save} onCancel={() => onDone(null)}>
        {input("name", t.t("name"), true)}
        {(["contact_person", "phones", "email", "address", "region", "credit_limit"] as const).map((k) => input(k, t.t(k)))}
        {input("payment_terms_days", t.t("payment_terms"))}
        {input("notes", t.t("notes"))}
    </FormCard>
  );
}

export function CustomerDetail({ id }: { id: string }) {
  const { t, backend } = useApp();
  const c = useLoad(() => backend.customer(id), [id]);
  const [editing, setEditing] = useState(false);
  const [said, setSaid] = useState<string | null>(null);
  if (c.error) return <ErrorBox error={c.error} />;
  if (!c.data) return <div className="loading">{t.t("loading")}</div>;
  const { customer, credit } = c.data; // the account section below shows what is used and left
  return (
    <div className="screen" data-screen="customer">
      <ScreenTitle action="edit-customer" label={t.t("edit")} testid="customer-name" onClick={() => setEditing(true)}>
        {customer.name}
      </ScreenTitle>
      <Notice text={said} />
      {editing && (
        <CustomerForm
          customer={customer}
          onDone={(saved) => {
            setEditing(false);
            c.reload();
            if (saved) setSaid(t.t("customer_saved_msg", { name: saved.name }));
          }}
        />
      )}
      <dl className="facts">
        <dt>{t.t("contact_person")}</dt>
        <dd>{customer.contact_person || t.t("none")}</dd>
        <dt>{t.t("phone")}</dt>
        <dd>{customer.phones.join(", ") || t.t("none")}</dd>
        <dt>{t.t("email")}</dt>
        <dd>{customer.email || t.t("none")}</dd>
        <dt>{t.t("address")}</dt>
        <dd>{customer.address || t.t("none")}</dd>
        <dt>{t.t("credit_limit_col")}</dt>
        <dd>{credit.credit_limit == null ? t.t("no_limit") : t.money(credit.credit_limit)}</dd>
        <dt>{t.t("payment_terms")}</dt>
        <dd>{customer.payment_terms_days}</dd>
      </dl>
      <AccountSection customerId={customer.id} onChange={c.reload} />
      <StatementSection customerId={customer.id} />
      <h2>{t.t("their_orders")}</h2>
      <Orders customer={customer.id} />
      <CustomerLog id={customer.id} />
    </div>
  );
}

/** Who owes what: balance, credit, open invoices; receive a payment, apply or refund credit. */
function AccountSection({ customerId, onChange }: { customerId: string; onChange: () => void }) {
  const { t, backend } = useApp();
  const [n, setN] = useState(0);
  const acc = useLoad(() => backend.account(customerId, localToday()), [customerId, n]);
  const [mode, setMode] = useState<"view" | "pay" | "refund">("view");
  const [msg, setMsg] = useState<string | null>(null);
  const [refund, setRefund] = useState<{ amount: string; method: PayMethod }>({ amount: "", method: "cash" });
  const act = useAction();
  const changed = (m: string) => {
    setMsg(m);
    setMode("view");
    setN((x) => x + 1);
    onChange();
  };
  if (acc.error) return <ErrorBox error={acc.error} />;
  const a = acc.data;
  if (!a) return null;
  const credit = a.unallocated !== "0.00";
  return (
    <section className="account" data-section="account">
      <h2>{t.t("account_title")}</h2>
      <Notice text={msg} />
      <dl className="facts">
        <dt>{t.t("balance")}</dt>
        <dd data-money="balance">
          <b>{t.money(a.balance)}</b>
        </dd>
        <dt>{t.t("credit_used")}</dt>
        <dd data-money="credit_used">
          {t.money(a.credit_used)}
          {a.credit_limit != null && ` / ${t.money(a.credit_limit)}`}
        </dd>
        <dt>{t.t("credit_left")}</dt>
        <dd data-money="credit_left">{a.credit_left == null ? t.t("no_limit") : t.money(a.credit_left)}</dd>
        <dt>{t.t("overdue")}</dt>
        <dd data-money="overdue" className={a.overdue !== "0.00" ? "bad-text" : ""}>
          {t.money(a.overdue)}
        </dd>
        {credit && (
          <>
            <dt>{t.t("unallocated")}</dt>
            <dd data-money="unallocated">{t.money(a.unallocated)}</dd>
          </>
        )}
      </dl>
      <ErrorBox error={act.error} />
      {mode === "view" && (
        <div className="buttons">
          <button className="primary" data-action="receive-payment" onClick={() => setMode("pay")}>
            {t.t("receive_payment")}
          </button>
          {credit && a.invoices.length > 0 && (
            <button
              data-action="allocate"
              disabled={act.busy}
              onClick={() =>
                act.run(async () => {
                  const r = await backend.allocate({ customer: customerId });
                  changed(t.t("allocated_msg", { amount: t.money(r.allocated) }));
                })
              }
            >
              {t.t("allocate_fifo")}
            </button>
          )}
          {credit && (
            <button
              data-action="refund"
              onClick={() => {
                setRefund({ amount: a.unallocated, method: "cash" });
                setMode("refund");
              }}
            >
              {t.t("refund_credit")}
            </button>
          )}
        </div>
      )}
      {mode === "pay" && (
        <PaymentForm
          customer={customerId}
          suggested={a.balance.startsWith("-") ? "" : a.balance}
          onDone={(p) => changed(t.t("payment_recorded", { number: p.number, amount: t.money(p.amount) }))}
          onCancel={() => setMode("view")}
        />
      )}
      {mode === "refund" && (
        <div className="buttons">
          <Field label={t.t("pay_amount")}>
            <input name="refund_amount" value={refund.amount} onChange={(e) => setRefund({ ...refund, amount: e.target.value })} />
          </Field>
          <Field label={t.t("pay_method")}>
            <MethodSelect name="refund_method" value={refund.method} onChange={(method) => setRefund({ ...refund, method })} />
          </Field>
          <button
            className="primary"
            data-action="refund-submit"
            disabled={act.busy}
            onClick={() =>
              act.run(async () => {
                const p = await backend.refund({ customer: customerId, amount: refund.amount, method: refund.method });
                changed(t.t("refund_done", { number: p.number, amount: t.money(p.amount) }));
              })
            }
          >
            {t.t("refund")}
          </button>
          <button onClick={() => setMode("view")}>{t.t("cancel")}</button>
        </div>
      )}
      <h3>{t.t("open_invoices")}</h3>
      {a.invoices.length === 0 ? (
        <p className="muted">{t.t("no_rows")}</p>
      ) : (
        <table className="list" data-testid="open-invoices">
          <Head cols={[t.t("invoice_col"), t.t("orders_title"), t.t("doc_date"), t.t("due_date_col"), [t.t("total"), "num"], [t.t("paid_col"), "num"], [t.t("open_col"), "num"], [t.t("days_overdue"), "num"]]} />
          <tbody>
            {a.invoices.map((i) => (
              <tr key={i.number} data-invoice={i.number} className={i.days_overdue > 0 ? "overdue" : ""}>
                <td>
                  <DocLink request={{ kind: "invoice", number: i.number }} />
                </td>
                <td>
                  <a href={`#/orders/${encodeURIComponent(i.order)}`}>{i.order}</a>
                </td>
                <td>{t.date(i.issue_date)}</td>
                <td>{t.date(i.due_date)}</td>
                <td className="num">{t.money(i.total)}</td>
                <td className="num">{t.money(i.paid)}</td>
                <td className="num">{t.money(i.open)}</td>
                <td className="num">{i.days_overdue > 0 ? i.days_overdue : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The statement (对账单) for a period: on screen, and as a PDF to print or save. */
function StatementSection({ customerId }: { customerId: string }) {
  const { t, backend } = useApp();
  const today = localToday();
  const [from, setFrom] = useState(today.slice(0, 8) + "01");
  const [to, setTo] = useState(today);
  const st = useLoad(() => backend.statement(customerId, from, to), [customerId, from, to]);
  return (
    <section className="statement" data-section="statement">
      <h2>{t.t("statement_title")}</h2>
      <div className="filters">
        <label>
          {t.t("from")} <DateField name="statement_from" value={from} onChange={(v) => v !== null && setFrom(v)} />
        </label>
        <label>
          {t.t("to")} <DateField name="statement_to" value={to} onChange={(v) => v !== null && setTo(v)} />
        </label>
        <DocActions request={{ kind: "statement", number: customerId, from, to }} />
      </div>
      <ErrorBox error={st.error} />
      {st.data && (
        <table className="list" data-testid="statement">
          <Head cols={[t.t("doc_date"), t.t("kind_col"), t.t("number"), t.t("reference"), [t.t("debit"), "num"], [t.t("credit_col"), "num"], [t.t("balance_col"), "num"]]} />
          <tbody>
            <tr className="muted">
              <td>{t.date(st.data.from)}</td>
              <td colSpan={5}>{t.t("opening_balance")}</td>
              <td className="num">{t.money(st.data.opening)}</td>
            </tr>
            {st.data.rows.map((r) => (
              <tr key={r.number} data-entry={r.number}>
                <td>{t.date(r.date)}</td>
                <td>{t.entry(r.kind)}</td>
                <td>
                  {r.kind === "invoice" || r.kind === "credit_note" || r.kind === "receipt" ? (
                    <DocLink request={{ kind: r.kind === "receipt" ? "payment_receipt" : r.kind, number: r.number }} />
                  ) : (
                    r.number
                  )}
                </td>
                <td>{[r.method && t.method(r.method), r.reference].filter(Boolean).join(" · ")}</td>
                <td className="num">{r.debit === "0.00" ? "" : t.money(r.debit)}</td>
                <td className="num">{r.credit === "0.00" ? "" : t.money(r.credit)}</td>
                <td className="num">{t.money(r.balance)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <td colSpan={4}>{t.t("closing_balance")}</td>
              <td className="num">{t.money(st.data.debits)}</td>
              <td className="num">{t.money(st.data.credits)}</td>
              <td className="num">
                <b data-money="closing">{t.money(st.data.closing)}</b>
              </td>
            </tr>
          </tfoot>
        </table>
      )}
    </section>
  );
}
