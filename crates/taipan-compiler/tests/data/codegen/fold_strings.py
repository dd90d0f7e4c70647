s = 'a' + 'b'
t = 'ab' * 3
u = b'x' * 4
