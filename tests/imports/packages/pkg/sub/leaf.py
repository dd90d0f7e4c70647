from ..helper import who as _helper_who
from . import __name__ as subname
from .. import sub as me
def who():
    return 'leaf ' + __name__ + ' ' + subname + ' ' + me.__name__
