a = 1 + 2j
b = 2j * 3j
c = -1j
