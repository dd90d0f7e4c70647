import sys
def main():
    print("main running")
    sys.exit(7)
main()
