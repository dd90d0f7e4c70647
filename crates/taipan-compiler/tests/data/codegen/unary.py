r = -a, +b, ~c, not d
