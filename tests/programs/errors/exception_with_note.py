e = ValueError("bad input")
e.add_note("while parsing line 3")
raise e
