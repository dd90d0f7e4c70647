V = 'one'
