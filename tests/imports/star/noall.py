c = 1
_private = 2
import sys as _sys
