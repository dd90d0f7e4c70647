class C(A, metaclass=M):
    pass
