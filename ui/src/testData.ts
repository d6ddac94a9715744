// Records for tests.
import type { Product } from "./bindings";

export const product = (sku: string, over: Partial<Product> = {}): Product => ({
  id: `id-${sku}`,
  sku,
  barcode: null,
  name: sku,
  spec: null,
  unit: "个",
  price: "10.00",
  cost: "6.00",
  tax_rate: "13",
  reorder_point: "0",
  active: true,
  created_at: "",
  updated_at: "",
  ...over,
});
