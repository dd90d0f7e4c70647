# float() of str: Unicode decimal digits and whitespace are accepted as in
# CPython, underscores only between digits, specials with one sign.
cases = [" \u0661.\u0665 ", "\u0661\u0665", "\u00a01.5\u2003", "1_0.5", "_1", " 1e5 ",
         "1__0", "infinity", "-nan", "+-1", "1.5e", "0x10", "1.5j", "",
         "1_000.000_1e1_0", "\u096f.\u0966e\u0967", "1.5\u0661", "\uff11.5", "\U0001d7ce"]
for text in cases:
    try:
        print(ascii(text), repr(float(text)))
    except ValueError as e:
        print(ascii(text), "ValueError:", ascii(str(e)))
