1
'doc'
...
None
