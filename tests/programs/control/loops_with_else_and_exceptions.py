def search(matrix, target):
    for r, row in enumerate(matrix):
        for c, v in enumerate(row):
            if v == target:
                break
        else:
            continue
        return r, c
    return None
m = [[1, 2], [3, 4], [5, 6]]
print(search(m, 4), search(m, 7))
for i in range(3):
    try:
        if i == 1:
            raise ValueError
    except ValueError:
        print("error at", i)
        continue
    else:
        print("ok at", i)
i = 0
while i < 10:
    i += 3
    if i == 6:
        continue
    print("i =", i)
else:
    print("while else reached, i =", i)
