print([1, 2, 3] == [1, 2, 3], [1, 2] != [2, 1], [[1]] == [[1]], [1, [2, [3]]] == [1, [2, [3]]])
print([1, 2] < [1, 2, 0], [2] > [1, 100], ["a"] < ["b"], [] == [], [] < [[]])
print(3 in [1, 2, 3], [1] in [[1], [2]], "a" in ["abc"], None in [0, False, None])
class Eq:
    def __eq__(self, o):
        return True
print(Eq() in [1], [Eq()] == [5], 5 in [Eq()])
nan = float("nan")
l = [nan]
print(nan in l, l.count(nan), l.index(nan), nan == nan)
