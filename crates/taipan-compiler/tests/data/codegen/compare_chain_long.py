r = a < b <= c == d != e
