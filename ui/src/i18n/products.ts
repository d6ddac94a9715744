// Products and their stock movements.

export const zh = {
  products_title: "商品",
  product_new: "新增商品",
  product_edit: "编辑商品",
  receive: "入库",
  adjust: "调整",
  product_added_msg: "商品 {sku} 已保存",
  product_saved_msg: "商品 {sku} 的修改已保存",
  received_msg: "已入库 {qty} {unit}，现在在库 {on_hand}",
  adjusted_msg: "已调整 {change} {unit}，现在在库 {on_hand}",
  adjust_change: "调整数量（可为负）",
  moves: "库存流水",
  move_time: "时间",
  move_doc: "单据",
  operator: "操作员",
  tax_rate_default: "空着为默认 {rate}%",
} as const;

export const en: Record<keyof typeof zh, string> = {
  products_title: "Products",
  product_new: "New product",
  product_edit: "Edit product",
  receive: "Receive",
  adjust: "Adjust",
  product_added_msg: "Product {sku} saved",
  product_saved_msg: "Changes to {sku} saved",
  received_msg: "Received {qty} {unit}: {on_hand} now on hand",
  adjusted_msg: "Adjusted by {change} {unit}: {on_hand} now on hand",
  adjust_change: "Change (may be negative)",
  moves: "Stock movements",
  move_time: "Time",
  move_doc: "Document",
  operator: "Operator",
  tax_rate_default: "blank: the default {rate} %",
};
