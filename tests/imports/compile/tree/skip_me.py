S = "skip"
