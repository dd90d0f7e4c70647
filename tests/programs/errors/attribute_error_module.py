import sys
print(sys.no_such_attribute)
