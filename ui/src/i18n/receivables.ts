// What customers owe, by age.

export const zh = {
  more_rows: "还有 {n} 位客户（按欠款从多到少只列前面的）",
  aging_title: "应收账龄",
  as_of: "截至",
  aging_current: "未到期",
} as const;

export const en: Record<keyof typeof zh, string> = {
  more_rows: "{n} more customers (the largest balances are listed first)",
  aging_title: "Receivables aging",
  as_of: "As of",
  aging_current: "Current",
};
