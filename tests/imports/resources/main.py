"""importlib.resources on a regular package, a namespace package and a
module inside a package: files()/Traversable, as_file, the legacy API."""
import importlib.resources as r
import os
import warnings

warnings.simplefilter('ignore', DeprecationWarning)


def show(label, f):
    try:
        print(label, f())
    except Exception as e:
        detail = e.strerror if isinstance(e, OSError) else e
        print(label, 'error', type(e).__name__, detail)


def names(t):
    return sorted(p.name for p in t.iterdir() if p.name != '__pycache__')


for anchor in ('pkg', 'nsp', 'pkg.sub', 'pkg.mod'):
    show('files ' + anchor, lambda: type(r.files(anchor)).__name__)
    show('iterdir ' + anchor, lambda: names(r.files(anchor)))

for anchor, name in (('pkg', 'data.txt'), ('nsp', 'file.txt'), ('pkg.sub', 'deep.txt')):
    f = r.files(anchor)
    show('read_text', lambda: f.joinpath(name).read_text())
    show('read_bytes', lambda: (f / name).read_bytes())
    show('is_file', lambda: ((f / name).is_file(), (f / name).is_dir()))
    show('name', lambda: (f / name).name)
    show('legacy read_text', lambda: r.read_text(anchor, name))
    show('legacy read_binary', lambda: r.read_binary(anchor, name))
    show('contents', lambda: sorted(x for x in r.contents(anchor) if x != '__pycache__'))
    show('is_resource', lambda: (r.is_resource(anchor, name), r.is_resource(anchor, 'nope.txt')))
    with r.as_file(f / name) as p:
        print('as_file', type(p).__name__, os.path.basename(str(p)), p.read_text())
    with r.path(anchor, name) as p:
        print('path', os.path.basename(str(p)), p.exists())
    with r.open_text(anchor, name) as fh:
        print('open_text', fh.read())
    with r.open_binary(anchor, name) as fh:
        print('open_binary', fh.read())

import pkg
show('module anchor', lambda: r.files(pkg).joinpath('data.txt').read_text())
show('binary', lambda: r.files('pkg').joinpath('blob.bin').read_bytes())
show('nested', lambda: (r.files('pkg') / 'sub' / 'deep.txt').read_text())
show('ns dir', lambda: names(r.files('nsp') / 'inner'))
show('ns is_dir', lambda: (r.files('nsp').is_dir(), (r.files('nsp') / 'inner').is_dir()))
show('missing', lambda: r.files('pkg').joinpath('missing.txt').read_text())
show('legacy missing', lambda: r.read_text('pkg', 'missing.txt'))
show('legacy module', lambda: r.read_text('pkg.mod', 'x'))
show('no module', lambda: r.files('no_such_pkg'))
show('reader', lambda: type(pkg.__spec__.loader.get_resource_reader('pkg')).__name__)
