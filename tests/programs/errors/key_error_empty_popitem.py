d = {"only": 1}
d.popitem()
d.popitem()
