import { useState } from "react";
import type { Customer, CustomerInput } from "../bindings";
import { ErrorBox, Field, FormCard, useAction, useApp, useLoad } from "../ui";
import { Orders } from "./Orders";

export function Customers() {
  const { t, backend, go } = useApp();
  const [search, setSearch] = useState("");
  const [adding, setAdding] = useState(false);
  const list = useLoad(() => backend.customers(search.trim() || null, null, 200), [search]);
  return (
    <div className="screen" data-screen="customers">
      <h1>
        {t.t("customers_title")}{" "}
        <button className="primary small" data-action="new-customer" onClick={() => setAdding(true)}>
          {t.t("customer_new")}
        </button>
      </h1>
      {adding && (
        <CustomerForm
          onDone={(c) => {
            setAdding(false);
            if (c) list.reload();
          }}
        />
      )}
      <div className="filters">
        <input type="search" name="customer_search" placeholder={t.t("search")} value={search} onChange={(e) => setSearch(e.target.value)} />
      </div>
      <ErrorBox error={list.error} />
      <table className="list" data-testid="customer-list">
        <thead>
          <tr>
            <th>{t.t("name")}</th>
            <th>{t.t("contact_person")}</th>
            <th>{t.t("phone")}</th>
            <th>{t.t("region")}</th>
            <th className="num">{t.t("credit_limit_col")}</th>
          </tr>
        </thead>
        <tbody>
          {list.data?.map((c) => (
            <tr key={c.id} className="clickable" onClick={() => go(`/customers/${encodeURIComponent(c.id)}`)} data-customer={c.name}>
              <td>
                <a href={`#/customers/${encodeURIComponent(c.id)}`}>{c.name}</a>
              </td>
              <td>{c.contact_person}</td>
              <td>{c.phones.join(", ")}</td>
              <td>{c.region}</td>
              <td className="num">{c.credit_limit == null ? t.t("no_limit") : t.money(c.credit_limit)}</td>
            </tr>
          ))}
        </tbody>
      </table>
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
    credit_limit: customer?.credit_limit ?? "",
    payment_terms_days: customer ? String(customer.payment_terms_days) : "",
    notes: customer?.notes ?? "",
  });
  const act = useAction();
  const input = (k: keyof typeof f, label: string, autoFocus = false) => (
    <Field label={label}>
      <input name={`customer_${k}`} autoFocus={autoFocus} value={f[k]} onChange={(e) => setF({ ...f, [k]: e.target.value })} />
    </Field>
  );
  const save = () =>
    act.run(async () => {
      const input: CustomerInput = {
        name: f.name,
        contact_person: f.contact_person,
        phones: f.phones
          .split(/[,，、;；\s]+/)
          .map((p) => p.trim())
          .filter(Boolean),
        address: f.address,
        region: f.region,
        credit_limit: f.credit_limit,
        payment_terms_days: f.payment_terms_days.trim() || undefined,
        notes: f.notes,
      };
      onDone(await backend.saveCustomer(customer ? customer.id : null, input));
    });
  return (
    <FormCard title={customer ? t.t("customer_edit") : t.t("customer_new")} testid="customer-form" action="save-customer" act={act} onSubmit={save} onCancel={() => onDone(null)}>
        {input("name", t.t("name"), true)}
        {input("contact_person", t.t("contact_person"))}
        {input("phones", t.t("phones"))}
        {input("address", t.t("address"))}
        {input("region", t.t("region"))}
        {input("credit_limit", t.t("credit_limit"))}
        {input("payment_terms_days", t.t("payment_terms"))}
        {input("notes", t.t("notes"))}
    </FormCard>
  );
}

export function CustomerDetail({ id }: { id: string }) {
  const { t, backend } = useApp();
  const c = useLoad(() => backend.customer(id), [id]);
  const [editing, setEditing] = useState(false);
  if (c.error) return <ErrorBox error={c.error} />;
  if (!c.data) return <div className="loading">{t.t("loading")}</div>;
  const { customer, credit } = c.data;
  return (
    <div className="screen" data-screen="customer">
      <h1 data-testid="customer-name">
        {customer.name}{" "}
        <button className="small" data-action="edit-customer" onClick={() => setEditing(true)}>
          {t.t("edit")}
        </button>
      </h1>
      {editing && (
        <CustomerForm
          customer={customer}
          onDone={() => {
            setEditing(false);
            c.reload();
          }}
        />
      )}
      <dl className="facts">
        <dt>{t.t("contact_person")}</dt>
        <dd>{customer.contact_person || t.t("none")}</dd>
        <dt>{t.t("phone")}</dt>
        <dd>{customer.phones.join(", ") || t.t("none")}</dd>
        <dt>{t.t("address")}</dt>
        <dd>{customer.address || t.t("none")}</dd>
        <dt>{t.t("credit_limit_col")}</dt>
        <dd>{credit.credit_limit == null ? t.t("no_limit") : t.money(credit.credit_limit)}</dd>
        <dt>{t.t("open_amount")}</dt>
        <dd>{t.money(credit.exposure)}</dd>
        <dt>{t.t("credit_left")}</dt>
        <dd>{credit.credit_left == null ? t.t("no_limit") : t.money(credit.credit_left)}</dd>
        <dt>{t.t("payment_terms")}</dt>
        <dd>{customer.payment_terms_days}</dd>
      </dl>
      <h2>{t.t("their_orders")}</h2>
      <Orders customer={customer.id} />
    </div>
  );
}
