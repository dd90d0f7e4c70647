t = (*a, b)
