import sys
print("exit status wraps to 0")
sys.exit(256)
