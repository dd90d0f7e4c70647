o.m(*a)
