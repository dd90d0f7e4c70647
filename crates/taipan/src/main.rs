//! The `taipan` command line, as `python3`'s: `taipan [options] script.py
//! [args]`, `-c CODE`, `-m module` (a package runs its `__main__`),
//! `taipan file.pyc` (a verified compiled file), and the options of the
//! import system: `-B`, `-O`/`-OO`, `-E`, `-I`, `-S`, `-X pycache_prefix=DIR`,
//! `--check-hash-based-pycs default|always|never` (docs/import.md). For
//! development, `--marshal FILE` runs a code object marshalled by CPython
//! 3.11. The interpreter runs on a thread with a large stack;
//! Python-level recursion is bounded by the VM itself.

use std::process::ExitCode;
use taipan_bytecode::marshal;
use taipan_bytecode::pycache::CheckHashBasedPycs;
use taipan_bytecode::Constant;
use taipan_vm::import::ImportConfig;

mod allocator;

#[global_allocator]
static GLOBAL: allocator::TaipanAllocator = allocator::TaipanAllocator::new();

const USAGE: &str = "usage: taipan [option] ... [-c cmd | -m mod | file | -] [arg] ...";
const INTERPRETER_STACK: usize = 256 << 20;
const VERSION: &str = "Python 3.11.7";

/// What to run.
enum Program {
    Command(String),
    Module(String),
    File(String),
    Marshal(String),
}

/// The parsed command line.
struct Invocation {
    program: Program,
    argv: Vec<String>,
    config: ImportConfig,
}

/// Why the command line does not run a program.
enum Stop {
    Version,
    Usage(String),
}

fn parse_args(args: &[String]) -> Result<Invocation, Stop> {
    let mut config = ImportConfig { orig_argv: orig_argv(args), ..ImportConfig::default() };
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        if a == "--check-hash-based-pycs" || a.starts_with("--check-hash-based-pycs=") {
            let value = match a.split_once('=') {
                Some((_, v)) => v.to_string(),
                None => {
                    i += 1;
                    args.get(i)
                        .cloned()
                        .ok_or_else(|| usage("Argument expected for the --check-hash-based-pycs option"))?
                }
            };
            config.check_hash_based_pycs = CheckHashBasedPycs::parse(&value).ok_or_else(|| {
                usage("--check-hash-based-pycs must be one of 'default', 'always', or 'never'")
            })?;
            i += 1;
            continue;
        }
        match a.as_str() {
            "--marshal" => {
                let f = args.get(i + 1).ok_or_else(|| usage("--marshal needs a file"))?;
                return Ok(invocation(Program::Marshal(f.clone()), f.clone(), &args[i + 2..], config));
            }
            "--version" => return Err(Stop::Version),
            "-" => return Err(usage("reading the program from stdin is not implemented yet")),
            _ if a.starts_with('-') && a.len() > 1 && !a.starts_with("--") => {
                if let Some(done) = short_options(args, &mut i, &mut config)? {
                    return Ok(done);
                }
            }
            _ if a.starts_with("--") => return Err(usage(&format!("unknown option {a}"))),
            _ => return Ok(invocation(Program::File(a.clone()), a.clone(), &args[i + 1..], config)),
        }
    }
    Err(usage("(interactive mode is not implemented yet)"))
}

/// One cluster of short options (`-BO`, `-c CODE`, `-mpkg`, `-X opt`):
/// advances `i`; returns the invocation when the cluster names the program.
fn short_options(
    args: &[String],
    i: &mut usize,
    config: &mut ImportConfig,
) -> Result<Option<Invocation>, Stop> {
    let a = &args[*i];
    let letters: Vec<char> = a[1..].chars().collect();
    for (k, &ch) in letters.iter().enumerate() {
        let attached: String = letters[k + 1..].iter().collect();
        let value = || -> Result<(String, usize), Stop> {
            if !attached.is_empty() {
                return Ok((attached.clone(), *i + 1));
            }
            let v =
                args.get(*i + 1).ok_or_else(|| usage(&format!("Argument expected for the -{ch} option")))?;
            Ok((v.clone(), *i + 2))
        };
        match ch {
            'c' => {
                let (code, rest) = value()?;
                return Ok(Some(invocation(
                    Program::Command(code),
                    "-c".to_string(),
                    &args[rest..],
                    config.clone(),
                )));
            }
            'm' => {
                let (module, rest) = value()?;
                return Ok(Some(invocation(
                    Program::Module(module),
                    "-m".to_string(),
                    &args[rest..],
                    config.clone(),
                )));
            }
            'X' | 'W' => {
                let (opt, rest) = value()?;
                if ch == 'X' {
                    if let Some(dir) = opt.strip_prefix("pycache_prefix=") {
                        config.pycache_prefix = Some(dir.to_string());
                    }
                }
                *i = rest;
                return Ok(None);
            }
            'B' => config.dont_write_bytecode = true,
            'E' => config.ignore_environment = true,
            'I' => {
                config.isolated = true;
                config.ignore_environment = true;
                config.no_user_site = true;
            }
            'S' => config.no_site = true,
            's' => config.no_user_site = true,
            'O' => config.optimize = (config.optimize + 1).min(2),
            'V' => return Err(Stop::Version),
            'h' | '?' => return Err(Stop::Usage(USAGE.to_string())),
            'u' => taipan_vm::modules::_io::stdio::set_unbuffered(),
            'q' | 'd' | 'b' | 'v' | 'i' | 'R' => {}
            _ => return Err(usage(&format!("Unknown option: -{ch}"))),
        }
    }
    *i += 1;
    Ok(None)
}

fn usage(msg: &str) -> Stop {
    Stop::Usage(format!("{msg}\n{USAGE}\nTry `taipan -h' for more information."))
}

/// `sys.orig_argv`: the executable as invoked, then the arguments.
fn orig_argv(args: &[String]) -> Vec<String> {
    std::env::args().take(1).chain(args.iter().cloned()).collect()
}

/// The invocation running `program` with `sys.argv = [argv0, rest...]`,
/// and `sys.path[0]` as CPython sets it for that form.
fn invocation(program: Program, argv0: String, rest: &[String], mut config: ImportConfig) -> Invocation {
    let mut argv = vec![argv0];
    argv.extend_from_slice(rest);
    config.path0 = if config.isolated {
        None
    } else {
        match &program {
            Program::Command(_) => Some(String::new()),
            Program::Module(_) => std::env::current_dir().ok().map(|d| d.to_string_lossy().into_owned()),
            Program::File(f) | Program::Marshal(f) => Some(script_dir(f)),
        }
    };
    Invocation { program, argv, config }
}

/// The absolute directory of a script (symlinks resolved, as CPython does).
fn script_dir(file: &str) -> String {
    let path = std::path::Path::new(file);
    let full = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    full.parent().map(|p| p.to_string_lossy().into_owned()).unwrap_or_default()
}

fn run(inv: Invocation) -> i32 {
    taipan_stdlib::register();
    taipan_vm::signals::install_startup_handlers();
    taipan_vm::import::configure(inv.config);
    taipan_vm::set_argv(inv.argv);
    if let Err(taipan_vm::Exit::Status(s)) = taipan_vm::import::run::finish_start_up() {
        return s;
    }
    let (source, filename) = match inv.program {
        Program::Command(c) => (c, "<string>".to_string()),
        Program::Module(m) => {
            let taipan_vm::Exit::Status(s) = taipan_vm::import::run::run_module(&m);
            return s;
        }
        Program::File(f) if f.ends_with(".pyc") => {
            let taipan_vm::Exit::Status(s) = taipan_vm::import::run::run_pyc(std::path::Path::new(&f));
            return s;
        }
        // CPython makes the script's name absolute (joined, not
        // normalised): it is `co_filename` and what errors name.
        Program::File(f) => match std::fs::read(&f) {
            Ok(b) => (String::from_utf8_lossy(&b).into_owned(), taipan_vm::import::run::absolute(&f)),
            Err(e) => {
                eprintln!(
                    "{}: can't open file '{}': [Errno {}] {}",
                    program_name(),
                    taipan_vm::import::run::absolute(&f),
                    e.raw_os_error().unwrap_or(2),
                    io_error_text(&e)
                );
                return 2;
            }
        },
        Program::Marshal(f) => return run_marshal(&f),
    };
    if !filename.starts_with('<') {
        taipan_vm::traceback::register_source(&filename, &source);
    }
    let code = match taipan_vm::import::run::compile_main(&source, &filename) {
        Ok(c) => c,
        Err(e) => {
            taipan_vm::modules::sys::flush_stdout();
            eprint!("{}", e.render(&filename));
            return 1;
        }
    };
    let file = (!filename.starts_with('<')).then_some(filename.as_str());
    let taipan_vm::Exit::Status(s) = taipan_vm::import::run::run_script(code, file);
    s
}

/// The interpreter as invoked (`argv[0]`), which CPython's start-up
/// errors begin with.
fn program_name() -> String {
    std::env::args().next().unwrap_or_else(|| "taipan".to_string())
}

fn io_error_text(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "No such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "Permission denied".to_string(),
        _ => e.to_string(),
    }
}

fn run_marshal(path: &str) -> i32 {
    let data = match std::fs::read(path) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("taipan: can't open file '{path}': {e}");
            return 2;
        }
    };
    match marshal::loads(&data) {
        Ok(Constant::Code(code)) => {
            let taipan_vm::Exit::Status(s) = taipan_vm::run_main(code);
            s
        }
        Ok(_) => {
            eprintln!("taipan: {path} does not hold a code object");
            2
        }
        Err(e) => {
            eprintln!("taipan: bad marshal data in {path}: {e:?}");
            2
        }
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let inv = match parse_args(&args) {
        Ok(inv) => inv,
        Err(Stop::Version) => {
            println!("{VERSION}");
            return ExitCode::SUCCESS;
        }
        Err(Stop::Usage(msg)) => {
            eprintln!("{msg}");
            return ExitCode::from(2);
        }
    };
    let handle = std::thread::Builder::new()
        .name("taipan-main".to_string())
        .stack_size(INTERPRETER_STACK)
        .spawn(move || run(inv));
    let status = match handle {
        Ok(h) => {
            taipan_vm::signals::block_in_this_thread();
            let status = h.join().unwrap_or(70);
            taipan_vm::signals::exit_if_interrupted();
            status
        }
        Err(e) => {
            eprintln!("taipan: cannot start the interpreter thread: {e}");
            70
        }
    };
    ExitCode::from(status as u8)
}
