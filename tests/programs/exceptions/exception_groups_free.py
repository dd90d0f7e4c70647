class Retry(Exception):
    pass
attempts = 0
def flaky():
    global attempts
    attempts += 1
    if attempts < 3:
        raise Retry(f"attempt {attempts}")
    return "success"
while True:
    try:
        print(flaky())
        break
    except Retry as e:
        print("retrying after", e)
def parse_all(items):
    ok, bad = [], []
    for it in items:
        try:
            ok.append(float(it))
        except (ValueError, TypeError) as e:
            bad.append((it, type(e).__name__))
    return ok, bad
print(parse_all(["1", "x", None, "2.5", [], "inf"]))
