V = 'two'
