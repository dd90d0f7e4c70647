class MyBase(BaseException):
    pass
raise MyBase("not an Exception subclass")
