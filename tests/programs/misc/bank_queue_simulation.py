class Customer:
    def __init__(self, cid, arrive, service):
        self.cid, self.arrive, self.service = cid, arrive, service
def simulate(customers, tellers):
    free_at = [0] * tellers
    waits = []
    for c in customers:
        t = min(range(tellers), key=lambda i: (free_at[i], i))
        start = max(free_at[t], c.arrive)
        waits.append(start - c.arrive)
        free_at[t] = start + c.service
    return waits, max(free_at)
seed = 7
custs = []
t = 0
for i in range(30):
    seed = (seed * 48271) % 2147483647
    t += seed % 5
    custs.append(Customer(i, t, 1 + seed % 7))
for n in (1, 2, 3):
    waits, end = simulate(custs, n)
    print(n, sum(waits), max(waits), end, f"{sum(waits) / len(waits):.3f}")
