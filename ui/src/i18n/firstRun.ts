// The first start: naming the shop, demo data.

export const zh = {
  first_title: "欢迎使用开单",
  first_lead: "先告诉我们店名，就可以开始了。数据只保存在这台电脑上。",
  first_shop_name: "店名",
  first_owner_name: "店主姓名",
  first_start: "开始使用",
  first_demo: "开始并载入示例数据",
  first_join_lead: "这台电脑是店里的又一台收银机？填上店主为它登记时得到的服务器地址，从店里的服务器取回全部账目：",
  first_join_url: "服务器地址（含这台收银机的密码）",
  first_join: "加入店铺",
  first_restore_lead: "从旧电脑搬过来？用在那台电脑“设置 → 备份与恢复 → 另存一份备份到…”存下的备份恢复：",
} as const;

export const en: Record<keyof typeof zh, string> = {
  first_title: "Welcome to Kaidan",
  first_lead: "Tell us the shop's name and you are ready. Your data stays on this computer.",
  first_shop_name: "Shop name",
  first_owner_name: "Owner's name",
  first_start: "Start",
  first_demo: "Start with demo data",
  first_join_lead: "Another counter of a shop with a server? Give the server address the owner got when registering this counter: the shop's books come from the server:",
  first_join_url: "Server address (with this counter's password)",
  first_join: "Join the shop",
  first_restore_lead: "Moving from another PC? Restore the copy you saved there (Settings → Backups and restore → Save a copy to…):",
};
