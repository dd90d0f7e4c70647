def first_negative(xs):
    for x in xs:
        if x < 0:
            return x
print(first_negative([3, 1, -4, -2]), first_negative([1, 2]))
def validate(record):
    if not isinstance(record, dict):
        return "not a dict"
    if "id" not in record:
        return "missing id"
    if record["id"] < 0:
        return "negative id"
    return "ok"
for r in [[], {}, {"id": -1}, {"id": 5}]:
    print(validate(r))
found = None
for i in range(100):
    if i * i > 50:
        found = i
        break
print(found)
count = 0
for i in range(10):
    if i % 3 == 0:
        continue
    count += 1
print(count)
