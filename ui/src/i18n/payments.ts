// Money received and paid back.
import type { PayMethod } from "../bindings";

export const zh = {
  payments: "收款记录",
  receive_payment: "收款",
  pay_amount: "金额",
  pay_method: "收款方式",
  pay_reference: "参考号（转账流水号等）",
  pay_date: "收款日期",
  payment_recorded: "已收款 {number}：{amount}",
  allocated_to: "核销到",
  refund: "退款",
  refund_credit: "退还余款",
  refund_done: "已退款 {number}：{amount}",
  reverse: "冲回",
  reverse_reason: "冲回原因",
} as const;

export const en: Record<keyof typeof zh, string> = {
  payments: "Payments",
  receive_payment: "Receive payment",
  pay_amount: "Amount",
  pay_method: "Method",
  pay_reference: "Reference (transfer no. …)",
  pay_date: "Date received",
  payment_recorded: "Payment {number} recorded: {amount}",
  allocated_to: "Applied to",
  refund: "Refund",
  refund_credit: "Refund credit",
  refund_done: "Refund {number}: {amount}",
  reverse: "Reverse",
  reverse_reason: "Reason for the reversal",
};




export const PAY_METHODS: PayMethod[] = ["cash", "wechat", "alipay", "bank", "card", "other"];
