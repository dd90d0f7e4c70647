class HttpError(Exception):
    def __init__(self, code):
        super().__init__(code)
        self.code = code
    def __str__(self):
        return f"HTTP {self.code}"
raise HttpError(404)
