class SortedList:
    def __init__(self, items=()):
        self._d = sorted(items)
    def add(self, v):
        lo, hi = 0, len(self._d)
        while lo < hi:
            mid = (lo + hi) // 2
            if self._d[mid] < v:
                lo = mid + 1
            else:
                hi = mid
        self._d.insert(lo, v)
    def __len__(self):
        return len(self._d)
    def __getitem__(self, i):
        return self._d[i]
    def __iter__(self):
        return iter(self._d)
    def __contains__(self, v):
        return v in self._d
    def __reversed__(self):
        return reversed(self._d)
    def __eq__(self, o):
        return isinstance(o, SortedList) and self._d == o._d
    def __repr__(self):
        return f"SortedList({self._d})"
s = SortedList([5, 1, 3])
for v in [4, 0, 9, 3]:
    s.add(v)
print(s, len(s), s[0], s[-1], s[1:3], 4 in s, 7 in s, list(reversed(s)))
print(s == SortedList([0, 1, 3, 3, 4, 5, 9]), s != SortedList(), sum(s), max(s), sorted(s, reverse=True)[:2])
