import sys
print('main of app', __name__, __package__, sys.argv[0].rsplit('/', 1)[-1], sys.argv[1:])
print(__spec__ is None or __spec__.name)
from . import tools
print(tools.__name__)
