class nullcm:
    def __enter__(self):
        return self
    def __exit__(self, *a):
        return False
result = []
for a in range(3):
    if a % 2 == 0:
        for b in range(3):
            try:
                while True:
                    if b == 1:
                        raise KeyError(b)
                    with open_cm() if False else nullcm():
                        result.append((a, b))
                    break
            except KeyError:
                result.append(("key", a))
            else:
                result.append(("else", a, b))
            finally:
                result.append(("fin", b))
    else:
        result.append(("odd", a))
print(result)
