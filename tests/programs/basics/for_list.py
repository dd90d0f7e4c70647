for word in ["a", "b", "c"]:
    print(word)
