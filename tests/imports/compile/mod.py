V = "mod"
