s = f'{a}'
