inventory = [
    {"sku": "A100", "name": "widget", "qty": 12, "price": 2.5},
    {"sku": "B200", "name": "gadget", "qty": 0, "price": 10.0},
    {"sku": "C300", "name": "doohickey", "qty": 5, "price": 7.25},
    {"sku": "D400", "name": "thingamajig", "qty": 40, "price": 0.99},
]
print(f"{'SKU':<6}{'Name':<14}{'Qty':>5}{'Value':>10}")
total = 0
for item in sorted(inventory, key=lambda i: i["qty"] * i["price"], reverse=True):
    value = item["qty"] * item["price"]
    total += value
    flag = " (out)" if item["qty"] == 0 else ""
    print(f"{item['sku']:<6}{item['name']:<14}{item['qty']:>5}{value:>10.2f}{flag}")
print(f"{'total':<25}{total:>10.2f}")
low = [i["name"] for i in inventory if 0 < i["qty"] < 10]
print("low stock:", ", ".join(low) or "none")
