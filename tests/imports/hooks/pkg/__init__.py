P = "pkg"
