a[1]: int
b[1:2, 3]: int
