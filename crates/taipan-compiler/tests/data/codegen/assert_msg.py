assert a, 'message'
