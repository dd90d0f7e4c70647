for i in range(3):
    print("i", i)
else:
    print("for done")
for i in range(10):
    if i == 4:
        print("found", i)
        break
else:
    print("not found")
def find(items, target):
    for idx, v in enumerate(items):
        if v == target:
            return idx
    else:
        return -1
print(find("abc", "c"), find("abc", "z"))
for x in []:
    print("never")
else:
    print("empty loop else")
