from .. import INIT
print('init sub', __name__, INIT)
