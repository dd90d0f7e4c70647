result = {}.get("x")
result.append(1)
