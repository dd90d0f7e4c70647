X = 'subm'
