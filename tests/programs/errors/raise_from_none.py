try:
    int("x")
except ValueError:
    raise LookupError("lookup failed") from None
