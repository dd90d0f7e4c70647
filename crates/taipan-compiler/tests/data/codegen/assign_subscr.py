x[i] = v
