o.m(
    a,
    b)
(o
 .m(1))
