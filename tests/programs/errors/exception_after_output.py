for i in range(5):
    print("line", i)
    if i == 3:
        raise RuntimeError(f"stopped at {i}")
