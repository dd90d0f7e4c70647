print('init pkg', __name__)
INIT = 1
