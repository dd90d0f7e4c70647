x = 5
assert x < 0, f"x must be negative, got {x}"
