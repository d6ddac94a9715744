//! The window's commands: each a thin wrapper over [`kaidan_api::Desk`]. A command must be
//! listed in `commands.txt` (the app manifest, read by build.rs) and granted in
//! `capabilities/main.json`, or the window cannot call it.

mod app;
mod catalog;
mod documents;
mod import;
mod money;
mod orders;
mod pick;
mod reports;
mod stock;

pub fn handler() -> impl Fn(tauri::ipc::Invoke<tauri::Wry>) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        app::app_info,
        app::set_language,
        app::init_shop,
        app::load_demo,
        app::home,
        app::settings,
        app::set_setting,
        app::update_company,
        app::backup_now,
        app::backups,
        app::restore_backup,
        app::damaged_backups,
        app::restore_damaged,
        app::backup_to,
        catalog::products,
        catalog::product,
        catalog::save_product,
        catalog::customers,
        catalog::customer_balances,
        catalog::customer,
        catalog::save_customer,
        stock::stock_levels,
        stock::stock_moves,
        stock::receive_stock,
        stock::adjust_stock,
        stock::stocktake,
        orders::orders,
        orders::order,
        orders::order_history,
        orders::create_order,
        orders::confirm_order,
        orders::approve_order,
        orders::change_order,
        orders::cancel_order,
        orders::deliver,
        orders::sell_order,
        reports::report_overview,
        reports::report_trend,
        reports::report_products,
        reports::report_customers,
        reports::report_profit,
        reports::report_fulfilment,
        reports::report_collections,
        reports::report_slow,
        reports::report_inactive,
        reports::export_report,
        reports::report_day,
        documents::invoices_of_order,
        documents::issue_invoice,
        documents::print_document,
        documents::save_picture,
        documents::copy_picture,
        documents::print_to_printer,
        documents::printers,
        documents::pdf_folder,
        documents::set_logo,
        money::pay,
        money::refund,
        money::reverse_payment,
        money::allocate,
        money::account,
        money::statement,
        money::aging,
        money::payments_of_order,
        money::return_goods,
        money::returns_of_order,
        documents::open_folder,
        pick::pick_folder,
        pick::restore_pick,
        import::import_upload,
        import::import_preview,
        import::import_run,
        import::import_progress,
        import::import_cancel,
        import::import_batches,
        import::undo_import,
    ]
}
