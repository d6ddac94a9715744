import { useState } from "react";
import type { Product, ProductInput, StockLevel } from "../bindings";
import { ErrorBox, Field, FormCard, MoreRows, Notice, useAction, useApp, useLoad, usePaged, Head, ScreenTitle } from "../ui";

type Row = Product & { stock?: StockLevel };

export function Products() {
  const { t, backend, go } = useApp();
  const [search, setSearch] = useState("");
  const [adding, setAdding] = useState(false);
  // each page of products with its stock (the same search, the same SKU order)
  const list = usePaged<Row>(
    async (after, limit) => {
      const q = search.trim();
      const [ps, levels] = await Promise.all([
        backend.products(q || null, after, limit),
        q ? backend.stockSearch(q, false, after, limit) : backend.stockLevels(null, false, after, limit),
      ]);
      const bySku = new Map(levels.map((l) => [l.sku, l]));
      return ps.map((p) => ({ ...p, stock: bySku.get(p.sku) }));
    },
    (p) => p.sku,
    [search],
  );
  return (
    <div className="screen" data-screen="products">
      <ScreenTitle action="new-product" label={t.t("product_new")} primary onClick={() => setAdding(true)}>
        {t.t("products_title")}
      </ScreenTitle>
      {adding && (
        <ProductForm
          onDone={(p) => {
            setAdding(false);
            if (p) go(`/products/${encodeURIComponent(p.sku)}?added=1`);
          }}
        />
      )}
      <div className="filters">
        <input type="search" name="product_search" placeholder={t.t("search")} value={search} onChange={(e) => setSearch(e.target.value)} />
      </div>
      <ErrorBox error={list.error} />
      <table className="list" data-testid="product-list">
        <Head cols={[t.t("sku"), t.t("name"), t.t("spec"), t.t("unit"), [t.t("stock_available"), "num"], [t.t("sale_price"), "num"], t.t("barcode")]} />
        <tbody>
          {list.rows.map((p) => (
            <tr key={p.id} className="clickable" onClick={() => go(`/products/${encodeURIComponent(p.sku)}`)}>
              <td>
                <a href={`#/products/${encodeURIComponent(p.sku)}`}>{p.sku}</a>
              </td>
              <td>{p.name}</td>
              <td>{p.spec}</td>
              <td>{p.unit}</td>
              <td className="num" data-col="available">{p.stock ? t.qty(p.stock.available) : ""}</td>
              <td className="num">{t.money(p.price)}</td>
              <td>{p.barcode}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <MoreRows list={list} />
    </div>
  );
}

export function ProductForm({ product, onDone }: { product?: Product; onDone: (p: Product | null) => void }) {
  const { t, backend, may } = useApp();
  // a product's cost is the owner's: not shown to, nor sent by, someone who may not see costs
  const costs = may?.("costs.see") ?? true;
  const [f, setF] = useState<Record<keyof ProductInput, string>>({
    sku: product?.sku ?? "",
    barcode: product?.barcode ?? "",
    name: product?.name ?? "",
    spec: product?.spec ?? "",
    unit: product?.unit ?? "",
    price: product?.price ?? "",
    cost: product?.cost ?? "",
    tax_rate: product?.tax_rate ?? "",
    reorder_point: product?.reorder_point ?? "",
    active: "",
  });
  const act = useAction();
  // a blank tax rate is the shop's default: the field says which
  const settings = useLoad(() => backend.settings(), []);
  const hint: Partial<Record<keyof ProductInput, string>> = settings.data ? { tax_rate: t.t("tax_rate_default", { rate: settings.data.default_tax_rate }) } : {};
  const input = (k: keyof ProductInput, label: string, autoFocus = false) => (
    <Field key={k} label={label} errorFor={k}>
      <input name={`product_${k}`} autoFocus={autoFocus} placeholder={hint[k]} value={f[k]} onChange={(e) => setF({ ...f, [k]: e.target.value })} />
    </Field>
  );
  const save = () =>
    act.run(async () => {
      const v = (k: keyof ProductInput) => (f[k].trim() === "" ? undefined : f[k]);
      const input: ProductInput = {
        sku: v("sku"),
        barcode: product ? f.barcode : v("barcode"),
        name: v("name"),
        spec: product ? f.spec : v("spec"),
        unit: v("unit"),
        price: v("price"),
        cost: costs ? v("cost") : undefined,
        tax_rate: v("tax_rate"),
        reorder_point: v("reorder_point"),
      };
      onDone(await backend.saveProduct(product ? product.sku : null, input));
    });
  return (
    <FormCard title={product ? t.t("product_edit") : t.t("product_new")} testid="product-form" action="save-product" act={act} onSubmit={save} onCancel={() => onDone(null)}>
        {input("sku", t.t("sku"), !product)}
        {(["name", "spec", "unit", "price", "cost", "tax_rate", "reorder_point", "barcode"] as const).filter((k) => k !== "cost" || costs).map((k) => input(k, t.t(k === "price" ? "sale_price" : k)))}
    </FormCard>
  );
}

/** `justAdded`: the product was just created (the page says it was saved). */
export function ProductDetail({ sku, justAdded }: { sku: string; justAdded?: boolean }) {
  const { t, backend, go } = useApp();
  // what the last action did, said once it succeeded
  const [said, setSaid] = useState<string | null>(justAdded ? t.t("product_added_msg", { sku }) : null);
  const product = useLoad(() => backend.product(sku), [sku]);
  const level = useLoad(() => backend.stockLevels(sku, false, null, 1).then((l) => l.find((x) => x.sku === sku) ?? null), [sku]);
  const moves = useLoad(() => backend.stockMoves(sku, null, 200), [sku]);
  const [editing, setEditing] = useState(false);
  const [recv, setRecv] = useState({ qty: "", cost: "", note: "" });
  const [adj, setAdj] = useState({ change: "", reason: "" });
  const act = useAction();
  if (product.error) return <ErrorBox error={product.error} />;
  const p = product.data;
  if (!p) return <div className="loading">{t.t("loading")}</div>;
  const refresh = () => {
    level.reload();
    moves.reload();
  };
  const s = level.data;
  return (
    <div className="screen" data-screen="product">
      <ScreenTitle action="edit-product" label={t.t("edit")} onClick={() => setEditing(true)}>
        {p.sku} · {p.name}
      </ScreenTitle>
      <Notice text={said} />
      {editing && (
        <ProductForm
          product={p}
          onDone={(np) => {
            setEditing(false);
            if (np && np.sku !== p.sku) go(`/products/${encodeURIComponent(np.sku)}`);
            else product.reload();
            if (np) setSaid(t.t("product_saved_msg", { sku: np.sku }));
          }}
        />
      )}
      <dl className="facts">
        <dt>{t.t("spec")}</dt>
        <dd>{p.spec || t.t("none")}</dd>
        <dt>{t.t("unit")}</dt>
        <dd>{p.unit}</dd>
        <dt>{t.t("sale_price")}</dt>
        <dd>{t.money(p.price)}</dd>
        {p.cost !== null && (
          <>
            <dt>{t.t("cost")}</dt>
            <dd data-fact="cost">{t.money(p.cost)}</dd>
          </>
        )}
        <dt>{t.t("tax_rate")}</dt>
        <dd>{p.tax_rate}</dd>
        <dt>{t.t("barcode")}</dt>
        <dd>{p.barcode || t.t("none")}</dd>
      </dl>
      {s && (
        <div className="stock-figures" data-testid="stock-figures">
          <div>
            <span>{t.t("stock_on_hand")}</span>
            <b data-stock="on_hand">{t.qty(s.on_hand)}</b>
          </div>
          <div>
            <span>{t.t("stock_reserved")}</span>
            <b data-stock="reserved">{t.qty(s.reserved)}</b>
          </div>
          <div>
            <span>{t.t("stock_available")}</span>
            <b data-stock="available">{t.qty(s.available)}</b>
          </div>
          <div>
            <span>{t.t("reorder_point")}</span>
            <b>{t.qty(s.reorder_point)}</b>
          </div>
        </div>
      )}
      <div className="row">
        <form
          className="card form"
          data-testid="receive-form"
          onSubmit={(e) => {
            e.preventDefault();
            act.run(async () => {
              const l = await backend.receiveStock(p.sku, recv.qty, recv.cost.trim() || null, recv.note.trim() || null);
              setRecv({ qty: "", cost: "", note: "" });
              setSaid(t.t("received_msg", { qty: t.qty(recv.qty.trim()), unit: p.unit, on_hand: t.qty(l.on_hand) }));
              refresh();
            });
          }}
        >
          <h2>{t.t("receive")}</h2>
          <Field label={t.t("qty")}>
            <input name="receive_qty" value={recv.qty} onChange={(e) => setRecv({ ...recv, qty: e.target.value })} />
          </Field>
          <Field label={t.t("cost")}>
            <input name="receive_cost" value={recv.cost} onChange={(e) => setRecv({ ...recv, cost: e.target.value })} />
          </Field>
          <Field label={t.t("notes")}>
            <input name="receive_note" value={recv.note} onChange={(e) => setRecv({ ...recv, note: e.target.value })} />
          </Field>
          <button type="submit" className="primary" data-action="receive" disabled={act.busy}>
            {t.t("receive")}
          </button>
        </form>
        <form
          className="card form"
          onSubmit={(e) => {
            e.preventDefault();
            act.run(async () => {
              const l = await backend.adjustStock(p.sku, adj.change, adj.reason);
              setAdj({ change: "", reason: "" });
              setSaid(t.t("adjusted_msg", { change: adj.change.trim(), unit: p.unit, on_hand: t.qty(l.on_hand) }));
              refresh();
            });
          }}
        >
          <h2>{t.t("adjust")}</h2>
          <Field label={t.t("adjust_change")}>
            <input name="adjust_change" value={adj.change} onChange={(e) => setAdj({ ...adj, change: e.target.value })} />
          </Field>
          <Field label={t.t("reason")}>
            <input name="adjust_reason" value={adj.reason} onChange={(e) => setAdj({ ...adj, reason: e.target.value })} />
          </Field>
          <button type="submit" data-action="adjust" disabled={act.busy}>
            {t.t("adjust")}
          </button>
        </form>
      </div>
      <ErrorBox error={act.error} />
      <h2>{t.t("moves")}</h2>
      <table className="list" data-testid="moves">
        <Head cols={[t.t("move_time"), t.t("reason"), [t.t("qty"), "num"], t.t("move_doc"), t.t("notes"), t.t("operator")]} />
        <tbody>
          {moves.data?.map((m) => (
            <tr key={m.id}>
              <td>{t.time(m.created_at)}</td>
              <td>{t.move(m.reason)}</td>
              <td className="num">{t.qty(m.qty)}</td>
              <td>{m.doc_number}</td>
              <td>{m.note}</td>
              <td>{m.operator}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
