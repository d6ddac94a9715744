// Every string the window shows, in zh-CN and English, one dictionary per screen or area
// (common.ts, orders.ts, …). Each part's `en` is typed by its `zh`'s keys, so a missing
// translation is a compile error, and `t` never shows a raw key. This module merges the parts
// and formats money, quantities and dates per language.
import type {
  Lang, OrderStatus, Channel, ApprovalReason, MoveReason, PaymentStatus, PayMethod, Field as ImportField, Platform, AuditAction, StatementEntry, PaymentKind,
  DocKind, Settlement, ImportKind, BackupKind, Period, Bucket, Compare, RankBy, Measure, ReportKind, ReportNote, Role, Action,
} from "../bindings";
import { VOCAB } from "../vocab";
import * as common from "./common";
import * as firstRun from "./firstRun";
import * as home from "./home";
import * as backup from "./backup";
import * as orderEntry from "./orderEntry";
import * as orders from "./orders";
import * as documents from "./documents";
import * as payments from "./payments";
import * as products from "./products";
import * as stock from "./stock";
import * as customers from "./customers";
import * as receivables from "./receivables";
import * as settings from "./settings";
import * as imports from "./imports";
import * as reports from "./reports";
import * as people from "./people";
import * as update from "./update";
import * as sync from "./sync";

/** Every part, by its file's name (a key belongs to exactly one; i18n.test.ts checks it). */
export const parts = { common, firstRun, home, backup, orderEntry, orders, documents, payments, products, stock, customers, receivables, settings, imports, reports, people, update, sync };

const zh = {
  ...common.zh,
  ...firstRun.zh,
  ...home.zh,
  ...backup.zh,
  ...orderEntry.zh,
  ...orders.zh,
  ...documents.zh,
  ...payments.zh,
  ...products.zh,
  ...stock.zh,
  ...customers.zh,
  ...receivables.zh,
  ...settings.zh,
  ...imports.zh,
  ...reports.zh,
  ...people.zh,
  ...update.zh,
  ...sync.zh,
};

export type Key = keyof typeof zh;

const en: Record<Key, string> = {
  ...common.en,
  ...firstRun.en,
  ...home.en,
  ...backup.en,
  ...orderEntry.en,
  ...orders.en,
  ...documents.en,
  ...payments.en,
  ...products.en,
  ...stock.en,
  ...customers.en,
  ...receivables.en,
  ...settings.en,
  ...imports.en,
  ...reports.en,
  ...people.en,
  ...update.en,
  ...sync.en,
};

export { PAY_METHODS } from "./payments";

export const dictionaries: Record<Lang, Record<Key, string>> = { "zh-CN": zh, en };

/** English words come lower case from the vocabulary (they read inside sentences); a label
 *  in a list starts with a capital. */
const cap = (lang: Lang, s: string) => (lang === "en" && s ? s[0].toUpperCase() + s.slice(1) : s);

export function translator(lang: Lang) {
  const d = dictionaries[lang];
  const locale = lang === "zh-CN" ? "zh-CN" : "en-GB";
  const dateFmt = new Intl.DateTimeFormat(locale, { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });
  const timeFmt = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
  return {
    lang,
    t(key: Key, params?: Record<string, string>): string {
      let s: string = d[key];
      if (params) for (const [k, v] of Object.entries(params)) s = s.split(`{${k}}`).join(v);
      return s;
    },
    // the shop's words, shared with the documents and the CLI (ui/src/vocab.ts, generated from
    // kaidan-core's text/vocab.rs)
    status: (s: OrderStatus) => cap(lang, VOCAB[lang].order_status[s]),
    channel: (c: Channel) => cap(lang, VOCAB[lang].channel[c]),
    move: (m: MoveReason) => cap(lang, VOCAB[lang].move_reason[m]),
    action: (a: AuditAction) => cap(lang, VOCAB[lang].audit_action[a]),
    payment: (p: PaymentStatus) => cap(lang, VOCAB[lang].payment_status[p]),
    method: (m: PayMethod) => cap(lang, VOCAB[lang].pay_method[m]),
    /** A statement entry or a payment's kind. */
    entry: (k: StatementEntry | PaymentKind) => cap(lang, VOCAB[lang].statement_entry[k]),
    doc: (k: DocKind) => cap(lang, VOCAB[lang].doc_kind[k]),
    settlement: (s: Settlement) => cap(lang, VOCAB[lang].settlement[s]),
    importKind: (k: ImportKind) => cap(lang, VOCAB[lang].import_kind[k]),
    backupKind: (k: BackupKind) => cap(lang, VOCAB[lang].backup_kind[k]),
    importField: (f: ImportField) => cap(lang, VOCAB[lang].import_field[f]),
    /** An online shop, as its exports are recognised (淘宝/天猫, JD). */
    platform: (p: Platform) => VOCAB[lang].platform[p],
    reportKind: (k: ReportKind) => cap(lang, VOCAB[lang].report_kind[k]),
    period: (p: Period) => cap(lang, VOCAB[lang].period[p]),
    bucket: (b: Bucket) => cap(lang, VOCAB[lang].bucket[b]),
    compare: (c: Compare) => cap(lang, VOCAB[lang].compare[c]),
    rankBy: (r: RankBy) => cap(lang, VOCAB[lang].rank_by[r]),
    measure: (m: Measure) => cap(lang, VOCAB[lang].measure[m]),
    role: (r: Role) => cap(lang, VOCAB[lang].role[r]),
    /** What an operator does, as a permission names it ("approve orders"). */
    permission: (a: Action) => VOCAB[lang].action[a],
    /** A report's footnote, as the printed report carries it. */
    reportNote: (n: ReportNote) => VOCAB[lang].report_note[n],
    /** Items as a list is written in the language: 销售单、对账单 · Invoice, Statement. */
    list: (items: string[]) => items.join(lang === "en" ? ", " : "、"),
    /** "1234.5" → "¥1,234.50": grouping is done on the string, never through a float. */
    money(v: string | null | undefined): string {
      if (v == null || v === "") return "";
      const neg = v.startsWith("-");
      const [int, frac = ""] = (neg ? v.slice(1) : v).split(".");
      const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
      return `${neg ? "-" : ""}¥${grouped}.${(frac + "00").slice(0, Math.max(2, frac.length))}`;
    },
    /** A count of rows, grouped as money is (12,345). */
    count(n: number): string {
      return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    },
    qty(v: string): string {
      const [int, frac] = v.split(".");
      return int.replace(/\B(?=(\d{3})+(?!\d))/g, ",") + (frac ? "." + frac : "");
    },
    /** `YYYY-MM-DD` → a date in the user's language (no time-zone shift). */
    date(v: string | null | undefined): string {
      if (!v) return "";
      const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(v);
      return m ? dateFmt.format(new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]))) : v;
    },
    /** An RFC 3339 instant in local time. */
    time(v: string): string {
      const d = new Date(v);
      return isNaN(d.getTime()) ? v : timeFmt.format(d);
    },
    reason(r: ApprovalReason): string {
      const m = (x: string) => this.money(x);
      switch (r.kind) {
        case "above_threshold":
          return lang === "zh-CN" ? `金额 ${m(r.total)} 超过审批金额 ${m(r.threshold)}` : `Total ${m(r.total)} is above ${m(r.threshold)}`;
        case "credit_limit":
          return lang === "zh-CN" ? `占用 ${m(r.exposure)} 超过信用额度 ${m(r.limit)}` : `Exposure ${m(r.exposure)} is over the limit ${m(r.limit)}`;
        case "below_cost":
          return lang === "zh-CN" ? `${r.sku} 低于成本价` : `${r.sku} is priced below cost`;
      }
    },
  };
}

export type T = ReturnType<typeof translator>;
