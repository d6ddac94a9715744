// Today's overview.

export const zh = {
  home_title: "今日概览",
  home_month: "本月至今（对比上月同期）",
  home_open_reports: "查看报表 →",
  home_pending: "待审批订单",
  home_to_deliver: "待发货",
  home_due_today: "今天要发货",
  home_late: "逾期未发货",
  home_more: "还有 {n} 个，查看全部 →",
  home_more_stock: "还有 {n} 个，查看库存 →",
  home_backordered: "缺货待补",
  home_low_stock: "低库存",
  home_backup: "备份",
  days_late_n: "逾期 {n} 天",
  home_receivables: "应收账款",
  home_overdue: "逾期未收",
  receivable_total: "客户共欠 {amount}，其中逾期 {overdue}",
} as const;

export const en: Record<keyof typeof zh, string> = {
  home_title: "Today at a glance",
  home_month: "This month so far (against the same days last month)",
  home_open_reports: "Open the reports →",
  home_pending: "Orders pending approval",
  home_to_deliver: "To deliver",
  home_due_today: "To deliver today",
  home_late: "Late deliveries",
  home_more: "{n} more: see them all →",
  home_more_stock: "{n} more: see stock →",
  home_backordered: "Waiting for stock",
  home_low_stock: "Low stock",
  home_backup: "Backups",
  days_late_n: "{n} days late",
  home_receivables: "Receivables",
  home_overdue: "Overdue invoices",
  receivable_total: "Customers owe {amount}, {overdue} of it overdue",
};
