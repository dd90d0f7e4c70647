NAME = "by path"
