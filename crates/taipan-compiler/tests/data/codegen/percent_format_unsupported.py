x = '%d %s' % (a, b)
y = '%s' % (a, b)
z = '%200s' % (a,)
w = '%s' % a
