data = [1, 5, 10, 15]
if (n := len(data)) > 3:
    print("long list", n)
print([y for x in data if (y := x * 2) > 10], y)
total = 0
print([total := total + v for v in data], total)
while (chunk := data[:2]):
    print("chunk", chunk)
    data = data[2:]
def f(x):
    return (z := x + 1) * z
print(f(3))
print((a := 5), a)
import sys
matches = [m for line in ["a=1", "b", "c=3"] if (m := line.partition("=")[2])]
print(matches)
