S = "sub"
