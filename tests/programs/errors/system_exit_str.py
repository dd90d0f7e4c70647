import sys
print("fatal")
sys.exit("error: something went wrong")
