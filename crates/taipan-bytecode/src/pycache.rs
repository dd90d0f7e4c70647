//! The `__pycache__` file logic of PEP 3147 (cache paths), PEP 488
//! (`opt-N` tags) and PEP 552 (hash-based files), as CPython's
//! `importlib._bootstrap_external` does it: pure functions for the paths
//! and for deciding whether a cached file is fresh, and small file-system
//! helpers to read a `.pyc` (header checked by `pyc.rs`, code verified by
//! `verify.rs`) and to write one atomically. No hashing here: the caller
//! computes a source's hash (CPython's `_imp.source_hash`, SipHash-1-3 keyed
//! by the magic number) and passes it in.
//!
//! Paths are handled as CPython handles them on POSIX: as strings split on
//! `/` (bytes here, so non-UTF-8 names survive), with its quirks kept (a
//! source without a dot gets `footaipan-311.pyc`; `/x.py` is `x.py` in
//! the working directory's cache). docs/pyc.md has the rules.

use crate::code::{CodeObject, Constant};
use crate::pyc::{parse_header, Header, HeaderError, Validation, HEADER_LEN};
use crate::verify::{verify, VerifyError};
use std::borrow::Cow;
use std::ffi::OsString;
use std::fmt;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// Taipan's `sys.implementation.cache_tag`.
pub const CACHE_TAG: &str = "taipan-311";
/// The cache directory next to the sources.
pub const PYCACHE: &str = "__pycache__";
const OPT: &str = "opt-";

/// A path that does not fit PEP 3147/488; CPython raises `ValueError` with
/// [`PathError::message`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PathError {
    /// The optimization tag is not alphanumeric.
    OptimizationNotAlphanumeric(String),
    /// `source_from_cache`: the file is not in a `__pycache__` directory
    /// (nor under the prefix).
    NotInPycache(Vec<u8>),
    /// `source_from_cache`: the file name has not 2 or 3 dots.
    BadDotCount(Vec<u8>),
    /// `source_from_cache`: the third part of the name is not `opt-…`.
    NotOptTag,
    /// `source_from_cache`: `opt-` followed by a non-alphanumeric level.
    OptLevelNotAlphanumeric(Vec<u8>),
    /// A prefix is set, the source is relative and the working directory unknown.
    NoWorkingDirectory,
}

impl PathError {
    /// The text of CPython's `ValueError`.
    pub fn message(&self) -> String {
        let repr = |b: &[u8]| taipan_repr::str_repr(&String::from_utf8_lossy(b).into_owned().into_bytes());
        match self {
            PathError::OptimizationNotAlphanumeric(o) => {
                format!("{} is not alphanumeric", repr(o.as_bytes()))
            }
            PathError::NotInPycache(p) => format!("{PYCACHE} not bottom-level directory in {}", repr(p)),
            PathError::BadDotCount(name) => format!("expected only 2 or 3 dots in {}", repr(name)),
            PathError::NotOptTag => {
                format!("optimization portion of filename does not start with {}", repr(OPT.as_bytes()))
            }
            PathError::OptLevelNotAlphanumeric(o) => {
                format!("optimization level {} is not an alphanumeric value", repr(o))
            }
            PathError::NoWorkingDirectory => "the current working directory is unavailable".into(),
        }
    }
}

impl fmt::Display for PathError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for PathError {}

// ---------------------------------------------------------------------------
// Paths as CPython's string helpers see them.

#[cfg(unix)]
fn path_bytes(path: &Path) -> Cow<'_, [u8]> {
    use std::os::unix::ffi::OsStrExt;
    Cow::Borrowed(path.as_os_str().as_bytes())
}

#[cfg(not(unix))]
fn path_bytes(path: &Path) -> Cow<'_, [u8]> {
    Cow::Owned(path.to_string_lossy().into_owned().into_bytes())
}

#[cfg(unix)]
fn bytes_path(bytes: Vec<u8>) -> PathBuf {
    use std::os::unix::ffi::OsStringExt;
    PathBuf::from(OsString::from_vec(bytes))
}

#[cfg(not(unix))]
fn bytes_path(bytes: Vec<u8>) -> PathBuf {
    PathBuf::from(OsString::from(String::from_utf8_lossy(&bytes).into_owned()))
}

/// `_path_split`: everything before the last `/`, and after it.
fn split(path: &[u8]) -> (&[u8], &[u8]) {
    match path.iter().rposition(|&b| b == b'/') {
        Some(i) => (&path[..i], &path[i + 1..]),
        None => (&[], path),
    }
}

/// `_path_join` (POSIX): non-empty parts, trailing `/`s stripped, joined by `/`.
fn join(parts: &[&[u8]]) -> Vec<u8> {
    let kept: Vec<&[u8]> =
        parts.iter().filter(|p| !p.is_empty()).map(|p| strip_trailing_slashes(p)).collect();
    kept.join(&b'/')
}

fn strip_trailing_slashes(part: &[u8]) -> &[u8] {
    let end = part.iter().rposition(|&b| b != b'/').map_or(0, |i| i + 1);
    &part[..end]
}

fn is_alphanumeric(text: &[u8]) -> bool {
    match std::str::from_utf8(text) {
        Ok(s) => !s.is_empty() && s.chars().all(char::is_alphanumeric),
        Err(_) => false,
    }
}

// ---------------------------------------------------------------------------
// Cache paths.

/// `importlib.util.cache_from_source`: where the cached bytecode of `source`
/// lives, for an optimization tag (`""`, `"1"`, `"2"`: `-O` levels) and a
/// cache tag (`CACHE_TAG`), in `__pycache__` beside the source or, with a
/// `pycache_prefix` (`PYTHONPYCACHEPREFIX`, `-X pycache_prefix`), under the
/// prefix at the source directory's absolute path.
pub fn cache_from_source(
    source: &Path,
    optimization: &str,
    cache_tag: &str,
    pycache_prefix: Option<&Path>,
) -> Result<PathBuf, PathError> {
    let cwd = match pycache_prefix {
        Some(_) => Some(std::env::current_dir().map_err(|_| PathError::NoWorkingDirectory)?),
        None => None,
    };
    cache_from_source_in(source, optimization, cache_tag, pycache_prefix, cwd.as_deref())
}

/// [`cache_from_source`] with the working directory given (used only when
/// there is a prefix and the source is relative).
pub fn cache_from_source_in(
    source: &Path,
    optimization: &str,
    cache_tag: &str,
    pycache_prefix: Option<&Path>,
    cwd: Option<&Path>,
) -> Result<PathBuf, PathError> {
    let source = path_bytes(source);
    let (head, tail) = split(&source);
    let filename = cache_filename(tail, optimization, cache_tag)?;
    let Some(prefix) = pycache_prefix else {
        return Ok(bytes_path(join(&[head, PYCACHE.as_bytes(), &filename])));
    };
    let absolute: Cow<[u8]> = if head.starts_with(b"/") {
        Cow::Borrowed(head)
    } else {
        let cwd = cwd.ok_or(PathError::NoWorkingDirectory)?;
        Cow::Owned(join(&[&path_bytes(cwd), head]))
    };
    let root_relative = &absolute[absolute.iter().position(|&b| b != b'/').unwrap_or(absolute.len())..];
    Ok(bytes_path(join(&[&path_bytes(prefix), root_relative, &filename])))
}

/// `NAME.TAG[.opt-N].pyc` for a source file name (CPython's
/// `rpartition('.')` rule: with no dot, the tag is glued to the name).
fn cache_filename(tail: &[u8], optimization: &str, cache_tag: &str) -> Result<Vec<u8>, PathError> {
    let (base, sep, rest) = match tail.iter().rposition(|&b| b == b'.') {
        Some(i) => (&tail[..i], &b"."[..], &tail[i + 1..]),
        None => (&b""[..], &b""[..], tail),
    };
    let mut name = [if base.is_empty() { rest } else { base }, sep, cache_tag.as_bytes()].concat();
    if !optimization.is_empty() {
        if !is_alphanumeric(optimization.as_bytes()) {
            return Err(PathError::OptimizationNotAlphanumeric(optimization.into()));
        }
        name.extend_from_slice(format!(".{OPT}{optimization}").as_bytes());
    }
    name.extend_from_slice(b".pyc");
    Ok(name)
}

/// `importlib.util.source_from_cache`: the source a cache file belongs to
/// (`__pycache__/NAME.TAG[.opt-N].pyc`, or under the prefix). The tag is
/// not checked, as CPython does not.
pub fn source_from_cache(cache: &Path, pycache_prefix: Option<&Path>) -> Result<PathBuf, PathError> {
    let full = path_bytes(cache);
    let (mut head, filename) = split(&full);
    let mut in_prefix = false;
    if let Some(prefix) = pycache_prefix {
        let prefix = path_bytes(prefix);
        let stripped = strip_trailing_slashes(&prefix);
        if head.starts_with(stripped) && head.get(stripped.len()) == Some(&b'/') {
            head = &head[stripped.len()..];
            in_prefix = true;
        }
    }
    if !in_prefix {
        let (parent, pycache) = split(head);
        if pycache != PYCACHE.as_bytes() {
            return Err(PathError::NotInPycache(full.into_owned()));
        }
        head = parent;
    }
    check_cache_filename(filename)?;
    let base = filename.split(|&b| b == b'.').next().unwrap_or(&[]);
    Ok(bytes_path(join(&[head, &[base, b".py"].concat()])))
}

fn check_cache_filename(filename: &[u8]) -> Result<(), PathError> {
    let parts: Vec<&[u8]> = filename.split(|&b| b == b'.').collect();
    match parts.len() {
        3 => Ok(()),
        4 => {
            let optimization = parts[2];
            let Some(level) = optimization.strip_prefix(OPT.as_bytes()) else {
                return Err(PathError::NotOptTag);
            };
            if is_alphanumeric(level) {
                Ok(())
            } else {
                Err(PathError::OptLevelNotAlphanumeric(optimization.to_vec()))
            }
        }
        _ => Err(PathError::BadDotCount(filename.to_vec())),
    }
}

// ---------------------------------------------------------------------------
// Reading and validating.

/// `--check-hash-based-pycs`: when to check a hash-based file's source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum CheckHashBasedPycs {
    /// Check the "checked" files, trust the "unchecked" ones.
    #[default]
    Default,
    /// Check every hash-based file.
    Always,
    /// Check none.
    Never,
}

impl CheckHashBasedPycs {
    /// The option's value as given on the command line.
    pub fn parse(value: &str) -> Option<CheckHashBasedPycs> {
        match value {
            "default" => Some(CheckHashBasedPycs::Default),
            "always" => Some(CheckHashBasedPycs::Always),
            "never" => Some(CheckHashBasedPycs::Never),
            _ => None,
        }
    }
}

/// Why a `.pyc` cannot be used. With a source at hand every one of these
/// means "recompile (and rewrite the cache)"; without one, an error to raise.
#[derive(Debug)]
pub enum PycError {
    /// Reading the file failed (`OSError`).
    Io(io::Error),
    /// The header is bad (`ImportError`/`EOFError`, `HeaderError::message`).
    Header(HeaderError),
    /// `ImportError: bytecode is stale for 'NAME'`.
    StaleTimestamp,
    /// `ImportError: hash in bytecode doesn't match hash of source 'NAME'`.
    StaleHash,
    /// The body does not unmarshal (`marshal.loads`'s error).
    Marshal(crate::marshal::MarshalError),
    /// `ImportError: Non-code object in PATH`.
    NotCode,
    /// The code object failed verification.
    Verify(VerifyError),
}

impl PycError {
    /// The message CPython's importlib gives (`name` the module, `path` the file).
    pub fn message(&self, name: &str, path: &Path) -> String {
        let name_repr = taipan_repr::str_repr(name.as_bytes());
        match self {
            PycError::Io(e) => e.to_string(),
            PycError::Header(e) => e.message(name),
            PycError::StaleTimestamp => format!("bytecode is stale for {name_repr}"),
            PycError::StaleHash => format!("hash in bytecode doesn't match hash of source {name_repr}"),
            PycError::Marshal(e) => e.to_string(),
            PycError::NotCode => {
                let path = path.to_string_lossy();
                format!("Non-code object in {}", taipan_repr::str_repr(path.as_bytes()))
            }
            PycError::Verify(e) => format!("bad bytecode in {}: {e}", path.to_string_lossy()),
        }
    }
}

impl fmt::Display for PycError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PycError::Io(e) => write!(f, "{e}"),
            PycError::Header(e) => f.write_str(&e.message("?")),
            PycError::StaleTimestamp => f.write_str("bytecode is stale"),
            PycError::StaleHash => f.write_str("hash in bytecode doesn't match hash of source"),
            PycError::Marshal(e) => write!(f, "{e}"),
            PycError::NotCode => f.write_str("Non-code object"),
            PycError::Verify(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for PycError {}

/// Reads a `.pyc`: its checked header and the marshalled body after it.
/// `_name` is only for messages ([`PycError::message`]).
pub fn read_pyc(path: &Path, _name: &str) -> Result<(Header, Vec<u8>), PycError> {
    let mut data = std::fs::read(path).map_err(PycError::Io)?;
    let header = parse_header(&data).map_err(PycError::Header)?;
    data.drain(..HEADER_LEN);
    Ok((header, data))
}

/// The code object in a `.pyc` body, unmarshalled and verified (never run
/// unverified bytecode read from disk).
pub fn code_from_body(body: &[u8]) -> Result<Arc<CodeObject>, PycError> {
    match crate::marshal::loads(body).map_err(PycError::Marshal)? {
        Constant::Code(code) => {
            verify(&code).map_err(PycError::Verify)?;
            Ok(code)
        }
        _ => Err(PycError::NotCode),
    }
}

/// What the caller must find out about the source before trusting a
/// cached file with this header (the `get_code` logic of `SourceLoader`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Needs {
    /// Compare the source's mtime and size ([`check_timestamp`]).
    SourceStat,
    /// Hash the source and compare ([`check_hash`]).
    SourceHash,
    /// Trust it: an unchecked hash-based file (or `never`).
    Nothing,
}

/// What validating a file with `header` takes, under the `mode` option.
pub fn needs(header: &Header, mode: CheckHashBasedPycs) -> Needs {
    match header.validation {
        Validation::Timestamp { .. } => Needs::SourceStat,
        Validation::Hash { check_source, .. } => match mode {
            CheckHashBasedPycs::Never => Needs::Nothing,
            CheckHashBasedPycs::Always => Needs::SourceHash,
            CheckHashBasedPycs::Default if check_source => Needs::SourceHash,
            CheckHashBasedPycs::Default => Needs::Nothing,
        },
    }
}

/// `_validate_timestamp_pyc`: the header's mtime and size against the
/// source's (`int(st_mtime)` seconds and `st_size`, both mod 2**32).
pub fn check_timestamp(header: &Header, source_mtime: i64, source_size: u64) -> Result<(), PycError> {
    match header.validation {
        Validation::Timestamp { mtime, size }
            if mtime == source_mtime as u32 && size == source_size as u32 =>
        {
            Ok(())
        }
        _ => Err(PycError::StaleTimestamp),
    }
}

/// `_validate_hash_pyc`: the header's hash against the source's.
pub fn check_hash(header: &Header, source_hash: [u8; 8]) -> Result<(), PycError> {
    match header.validation {
        Validation::Hash { hash, .. } if hash == source_hash => Ok(()),
        _ => Err(PycError::StaleHash),
    }
}

/// Whether a cached file may be used for the source with this `stat`
/// (`source_stat`) under `mode`; `source_hash` is called only when a hash
/// is needed (the caller reads and hashes the source then).
pub fn check_fresh(
    header: &Header,
    mode: CheckHashBasedPycs,
    stat: (i64, u64),
    source_hash: impl FnOnce() -> io::Result<[u8; 8]>,
) -> Result<(), PycError> {
    match needs(header, mode) {
        Needs::SourceStat => check_timestamp(header, stat.0, stat.1),
        Needs::SourceHash => check_hash(header, source_hash().map_err(PycError::Io)?),
        Needs::Nothing => Ok(()),
    }
}

/// A source's `(int(st_mtime), st_size)`, as `SourceFileLoader.path_stats`
/// and `get_code` see them (`int()` of the float truncates toward zero).
pub fn source_stat(path: &Path) -> io::Result<(i64, u64)> {
    let meta = std::fs::metadata(path)?;
    let mtime = match meta.modified()?.duration_since(std::time::UNIX_EPOCH) {
        Ok(after) => after.as_secs() as i64,
        Err(before) => -(before.duration().as_secs() as i64),
    };
    Ok((mtime, meta.len()))
}

/// A whole `.pyc`: the header, then the marshalled code.
/// Written into one buffer sized from the code's byte fields (its other
/// fields rarely take more than half again as much).
pub fn pyc_bytes(header: [u8; HEADER_LEN], code: &Arc<CodeObject>) -> Vec<u8> {
    let mut out = Vec::with_capacity(HEADER_LEN + estimated_size(code));
    out.extend_from_slice(&header);
    let value = Constant::Code(code.clone());
    crate::marshal::try_dumps_into(&value, &mut out).expect("object too deeply nested to marshal");
    out
}

/// About how many bytes `code` marshals to (never less than its byte
/// fields): walked without recursion.
fn estimated_size(code: &CodeObject) -> usize {
    let mut total = 0;
    let mut pending = vec![code];
    while let Some(code) = pending.pop() {
        let bytes = code.co_code.len() + code.co_linetable.len() + code.co_exceptiontable.len();
        let names = code.co_names.len() + code.co_localsplusnames.len() + code.co_consts.len();
        total += bytes * 3 / 2 + names * 8 + 64;
        pending.extend(code.nested_code().map(|c| &**c));
    }
    total
}

// ---------------------------------------------------------------------------
// Writing.

/// `_calc_mode`: the mode for a source's cache file: the source's
/// permission bits plus owner write (0o666 if it cannot be read).
pub fn cache_mode(source: &Path) -> u32 {
    #[cfg(unix)]
    let mode = {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(source).map(|m| m.permissions().mode()).unwrap_or(0o666)
    };
    #[cfg(not(unix))]
    let mode = {
        let _ = source;
        0o666
    };
    mode | 0o200
}

static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// `SourceFileLoader.set_data` + `_write_atomic`: creates the missing
/// directories (mode 0o777 less the umask, as `os.mkdir`), writes `data` to
/// a new temporary file beside `path` (`mode & 0o666`, less the umask) and
/// renames it into place, so that readers see the old file or the new one,
/// never a part. On any failure (unwritable directory, read-only file
/// system, a race) the temporary file is removed and the error returned
/// for the caller to ignore, as CPython ignores it.
pub fn write_pyc_atomic(path: &Path, data: &[u8], mode: u32) -> io::Result<()> {
    create_parents(path)?;
    let temp = temp_path(path);
    let result = write_new(&temp, data, mode).and_then(|()| std::fs::rename(&temp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

/// Creates the directories above `path` that do not exist yet (another
/// process creating one at the same moment is fine).
fn create_parents(path: &Path) -> io::Result<()> {
    let mut missing = Vec::new();
    let mut parent = path.parent();
    while let Some(dir) = parent.filter(|d| !d.as_os_str().is_empty() && !d.is_dir()) {
        missing.push(dir);
        parent = dir.parent();
    }
    for dir in missing.into_iter().rev() {
        match std::fs::create_dir(dir) {
            Err(e) if e.kind() != io::ErrorKind::AlreadyExists => return Err(e),
            _ => {}
        }
    }
    Ok(())
}

/// `PATH.PID.N.tmp`: unique per process (pid) and within it (counter).
fn temp_path(path: &Path) -> PathBuf {
    let n = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
    let mut name = path.as_os_str().to_owned();
    name.push(format!(".{}.{n}.tmp", std::process::id()));
    PathBuf::from(name)
}

fn write_new(temp: &Path, data: &[u8], mode: u32) -> io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(mode & 0o666);
    }
    #[cfg(not(unix))]
    let _ = mode;
    let mut file = options.open(temp)?;
    file.write_all(data)?;
    Ok(())
}
