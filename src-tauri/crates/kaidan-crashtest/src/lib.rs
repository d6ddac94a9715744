//! Shared by the `kaidan-churn` writer and the crash test: the shop the writer works in.

use kaidan_api::{Ctx, CustomerInput, ProductInput, Shop};

pub const SKUS: [&str; 3] = ["CR-1", "CR-2", "CR-3"];
pub const CUSTOMER: &str = "崩溃测试客户";

/// Sets the shop up, step by step, so that a kill between steps is also fine: each step is
/// skipped when it already happened.
pub fn ensure_shop(shop: &mut Shop, ctx: &Ctx) -> Result<(), kaidan_api::core::Error> {
    if !shop.is_initialized()? {
        shop.init(ctx, "Crash Shop", "owner")?;
    }
    for sku in SKUS {
        if shop.product(sku).is_err() {
            shop.add_product(
                ctx,
                &ProductInput {
                    sku: Some(sku.into()),
                    name: Some(format!("商品 {sku}")),
                    price: Some("3.30".into()),
                    ..Default::default()
                },
            )?;
        }
    }
    if shop.customer(CUSTOMER).is_err() {
        shop.add_customer(ctx, &CustomerInput { name: Some(CUSTOMER.into()), ..Default::default() })?;
    }
    Ok(())
}
