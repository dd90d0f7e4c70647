class C(A, B):
    x = 1
