def g():
    for i in range(3):
        try:
            yield i
        finally:
            print("finally", i)
print(list(g()))
result = []
for i in range(3):
    try:
        try:
            if i == 1:
                raise ValueError(i)
            result.append(i)
        finally:
            result.append("f%d" % i)
    except ValueError:
        result.append("caught")
print(result)
def early_return_in_loop():
    for i in range(5):
        try:
            if i == 2:
                return i
        finally:
            print("cleanup", i)
print(early_return_in_loop())
def continue_in_except():
    out = []
    for i in range(4):
        try:
            if i % 2:
                raise KeyError(i)
            out.append(i)
        except KeyError:
            continue
        finally:
            out.append("F")
    return out
print(continue_in_except())
