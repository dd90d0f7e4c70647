from c import C
D = 1
