s = f'x{a}y{b}z'
