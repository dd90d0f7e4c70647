s = f'{a:{b}{c}}'
