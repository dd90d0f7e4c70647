r = (a
     .b
     .c)
