import sys
try:
    print("body")
finally:
    print("cleanup")
    sys.exit(4)
