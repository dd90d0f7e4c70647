V = "legacy"
