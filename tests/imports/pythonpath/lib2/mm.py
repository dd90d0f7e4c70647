W = "mm from lib2"
