// Invoices, credit notes, delivery notes and receipts: issuing, previewing, printing.

export const zh = {
  documents: "单据",
  document: "单据",
  doc_date: "日期",
  kind_col: "类别",
  issue_invoice: "开销售单",
  invoice_issued_msg: "已开销售单：{number}",
  preview: "预览",
  print: "打印",
  save_pdf: "存为 PDF",
  without_prices: "不打印价格",
  printed_opened_msg: "已在 PDF 查看器中打开 {number}（从查看器打印）：{path}",
  printed_file_msg: "{number} 已生成：{path}",
  copy_mark: "副本",
  due: "到期",
} as const;

export const en: Record<keyof typeof zh, string> = {
  documents: "Documents",
  document: "Document",
  doc_date: "Date",
  kind_col: "Kind",
  issue_invoice: "Issue invoice",
  invoice_issued_msg: "Invoice issued: {number}",
  preview: "Preview",
  print: "Print",
  save_pdf: "Save as PDF",
  without_prices: "Without prices",
  printed_opened_msg: "{number} opened in the PDF viewer (print from there): {path}",
  printed_file_msg: "{number} written to {path}",
  copy_mark: "copy",
  due: "due",
};
