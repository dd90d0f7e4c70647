try:
    compile("x = (1,\n", "f.py", "exec")
except SyntaxError as e:
    print(e.msg, e.filename, e.lineno, e.offset, repr(e.text), e.end_lineno, e.end_offset)
    print(str(e))
    print(e.args[0])
e = SyntaxError("bad", ("/a/b/m.py", 3, 4, "abc\n", 3, 5))
print(str(e), e.filename, e.lineno)
print(str(SyntaxError("x")), SyntaxError("x").lineno)
try:
    eval("1 +* 2")
except SyntaxError as e:
    print(str(e), e.offset)
exec("def f(:\n pass")
