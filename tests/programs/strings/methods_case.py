for s in ["hello world", "Hello World", "HELLO", "hElLo wOrLd", "123abc", "ß straße", "ǆ", ""]:
    print(repr(s), s.upper(), s.lower(), s.title(), s.capitalize(), s.swapcase(), s.casefold())
print("abc".isalpha(), "ab1".isalnum(), "123".isdigit(), "  ".isspace(), "Ab Cd".istitle(), "ABC".isupper(), "abc".islower())
print("".isalpha(), "½".isnumeric(), "½".isdigit(), "²".isdigit(), "x_1".isidentifier(), "1x".isidentifier())
