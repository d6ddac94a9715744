// Stock levels and the stocktake.

export const zh = {
  stock_on_hand: "在库",
  stock_reserved: "已预留",
  stock_available: "可用",
  suggested_reorder: "建议补货",
  stock_value: "库存金额（按成本）",
  low: "低库存",
  stocktake: "盘点",
  counted: "实盘数",
  stocktake_save: "提交盘点",
  stocktake_saved_msg: "盘点已保存：{n} 个商品",
  stock_title: "库存",
  low_only: "只看低库存",
} as const;

export const en: Record<keyof typeof zh, string> = {
  stock_on_hand: "On hand",
  stock_reserved: "Reserved",
  stock_available: "Available",
  suggested_reorder: "Suggested reorder",
  stock_value: "Value at cost",
  low: "Low",
  stocktake: "Stocktake",
  counted: "Counted",
  stocktake_save: "Submit stocktake",
  stocktake_saved_msg: "Stocktake saved: {n} products",
  stock_title: "Stock",
  low_only: "Low stock only",
};

