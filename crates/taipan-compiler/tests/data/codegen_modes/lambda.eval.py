lambda a: a if a else -a
