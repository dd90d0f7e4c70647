def parse_num(s):
    s = s.strip()
    try:
        return int(s)
    except ValueError:
        pass
    try:
        return float(s)
    except ValueError:
        return None
for s in ["42", " -7 ", "3.5", "1e3", "abc", "", "0x10", "1_000", "inf", "-nan", "+0", "00012", "1.", ".5"]:
    v = parse_num(s)
    print(repr(s), repr(v), type(v).__name__)
