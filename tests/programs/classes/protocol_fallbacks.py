class OnlyIter:
    def __init__(self, items):
        self.items = items
    def __iter__(self):
        print("__iter__ used")
        return iter(self.items)
print(2 in OnlyIter([1, 2, 3]), 5 in OnlyIter([1]))
class OnlyGetitem:
    def __getitem__(self, i):
        if i > 2:
            raise IndexError
        return i * 10
print(20 in OnlyGetitem(), list(OnlyGetitem()), list(reversed([0, 1])))
class Rev:
    def __reversed__(self):
        return iter("zyx")
print(list(reversed(Rev())))
class SeqRev:
    def __len__(self):
        return 3
    def __getitem__(self, i):
        return "abc"[i]
print(list(reversed(SeqRev())))
class NegLen:
    def __len__(self):
        return -1
try:
    len(NegLen())
except ValueError as e:
    print("ValueError:", e)
class StrLen:
    def __len__(self):
        return "3"
try:
    len(StrLen())
except TypeError as e:
    print("TypeError:", e)
class BadHash:
    def __hash__(self):
        return "h"
try:
    hash(BadHash())
except TypeError as e:
    print("TypeError:", e)
