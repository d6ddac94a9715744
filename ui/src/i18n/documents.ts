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
  printed_opened_msg: "已在 PDF 查看器中打开 {number}",
  printed_file_msg: "{number} 已保存：{path}",
  printed_not_opened_msg: "没能打开 PDF 查看器（{error}）。{number} 已保存在 {path}，可打开所在文件夹，用别的程序打开或打印。",
  open_folder: "打开所在文件夹",
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
  printed_opened_msg: "{number} opened in the PDF viewer",
  printed_file_msg: "{number} saved: {path}",
  printed_not_opened_msg: "The PDF viewer could not be opened ({error}). {number} is saved at {path}: open its folder to open or print it with another program.",
  open_folder: "Open folder",
  copy_mark: "copy",
  due: "due",
};
