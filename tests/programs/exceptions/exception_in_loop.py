total = 0
errors = 0
for i in range(-5, 6):
    try:
        total += 100 // i
    except ZeroDivisionError:
        errors += 1
print(total, errors)
results = []
for v in ["1", "x", "3", "", "5.0", "-7"]:
    try:
        results.append(int(v))
    except ValueError as e:
        results.append(str(e))
print(results)
d = {"a": 1}
for k in "abc":
    try:
        print(d[k])
    except KeyError as e:
        print("missing", e)
