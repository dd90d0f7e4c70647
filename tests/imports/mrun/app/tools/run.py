import sys
print('tools.run', __name__, __package__, sys.argv[0].rsplit('/', 1)[-1], sys.argv[1:])
print(sys.path[0] != "")
