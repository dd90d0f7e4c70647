V = "pk from lib1"
