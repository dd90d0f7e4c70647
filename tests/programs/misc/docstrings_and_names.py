"""Module docstring."""
def f():
    "Function doc."
    return 1
class K:
    """Class doc."""
    def m(self):
        """Method doc."""
print(__doc__, f.__doc__, K.__doc__, K.m.__doc__, __name__)
def nodoc():
    x = "not a docstring"
print(nodoc.__doc__)
print(f.__code__.co_name, f.__code__.co_argcount, type(f.__code__).__name__)
