import os.path as p
import a.b.c as d
import e as f
