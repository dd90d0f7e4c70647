raise ValueError("naïve café ☕")
