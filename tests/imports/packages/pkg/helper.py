from . import sub
from .sub import leaf
def who():
    return 'helper in ' + __package__ + ' sees ' + leaf.__name__
