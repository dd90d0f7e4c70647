a = [1, 2]
b = [3]
print(a + b, a * 2, 2 in a, 5 not in a, len(a + b))
print([1, 2] == [1, 2], [1, 2] < [1, 3], [1] < [1, 0], [] < [0], [2] > [1, 9])
print(list(range(5)), list("ab"), list((1, 2)), list({1: 2}), list())
print(min([4, 2, 8]), max([4, 2, 8]), sum([4, 2, 8]), any([0, 1]), all([1, 0]), all([]), any([]))
l = [1, [2, [3, [4]]]]
print(l, l[1][1][1][0])
x = [1, 2, 3]
y = x
y.append(4)
print(x, x is y, x == [1, 2, 3, 4], x is [1, 2, 3, 4])
print(list(reversed(x)), x[::-1], x.__len__())
r = []
r.append(r)
print(r)
