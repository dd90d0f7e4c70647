print(int.nope)
