def outer(n):
    results = []
    for i in range(n):
        def helper(k):
            return k * i
        results.append(helper(10))
    return results
print(outer(4))
def find_pair(nums, target):
    for i, a in enumerate(nums):
        for b in nums[i + 1:]:
            if a + b == target:
                return a, b
    return None
print(find_pair([3, 9, 5, 7, 1], 12), find_pair([1, 2], 10))
def triangle(n):
    rows = []
    for i in range(1, n + 1):
        row = []
        for j in range(i):
            row.append(j + 1)
        rows.append(" ".join(map(str, row)))
    return "\n".join(rows)
print(triangle(4))
