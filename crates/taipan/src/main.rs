//! The `taipan` command line: `taipan script.py [args]`, `taipan -c CODE
//! [args]`, and (for development, until every program compiles with the
//! Taipan compiler) `taipan --marshal FILE [args]` running a code object
//! marshalled by CPython 3.11. The interpreter runs on a thread with a
//! large stack; Python-level recursion is bounded by the VM itself.

use std::process::ExitCode;
use std::sync::Arc;
use taipan_bytecode::marshal;
use taipan_bytecode::Constant;

const USAGE: &str = "usage: taipan [-c cmd | file | -] [arg] ...";
const INTERPRETER_STACK: usize = 256 << 20;

/// What to run.
enum Program {
    Command(String),
    File(String),
    Marshal(String),
}

fn parse_args(args: &[String]) -> Result<(Program, Vec<String>), String> {
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        match a.as_str() {
            "-c" => {
                let code = args.get(i + 1).ok_or("Argument expected for the -c option")?;
                let mut argv = vec!["-c".to_string()];
                argv.extend_from_slice(&args[i + 2..]);
                return Ok((Program::Command(code.clone()), argv));
            }
            "--marshal" => {
                let f = args.get(i + 1).ok_or("--marshal needs a file")?;
                let mut argv = vec![f.clone()];
                argv.extend_from_slice(&args[i + 2..]);
                return Ok((Program::Marshal(f.clone()), argv));
            }
            "-B" | "-E" | "-I" | "-S" | "-O" | "-u" | "-q" | "-s" => i += 1,
            "-V" | "--version" => return Err("Python 3.11.7".to_string()),
            _ if a.starts_with("-c") && a.len() > 2 => {
                let mut argv = vec!["-c".to_string()];
                argv.extend_from_slice(&args[i + 1..]);
                return Ok((Program::Command(a[2..].to_string()), argv));
            }
            _ if a.starts_with('-') && a != "-" => return Err(format!("Unknown option: {a}\n{USAGE}")),
            _ => {
                let argv = args[i..].to_vec();
                return Ok((Program::File(a.clone()), argv));
            }
        }
    }
    Err(format!("{USAGE}\n(interactive mode is not implemented yet)"))
}

fn run(program: Program, argv: Vec<String>) -> i32 {
    taipan_stdlib::register();
    taipan_vm::set_argv(argv);
    let (source, filename) = match program {
        Program::Command(c) => (c, "<string>".to_string()),
        Program::File(f) => match std::fs::read(&f) {
            Ok(b) => (String::from_utf8_lossy(&b).into_owned(), f),
            Err(e) => {
                eprintln!(
                    "taipan: can't open file '{}': [Errno {}] {}",
                    f,
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
    let code = match taipan_vm::compile_source(&source, &filename, taipan_compiler::CompileMode::Exec) {
        Ok(c) => c,
        Err(e) => {
            taipan_vm::modules::sys::flush_stdout();
            eprint!("{}", e.render(&filename));
            return 1;
        }
    };
    let taipan_vm::Exit::Status(s) = taipan_vm::run_main(Arc::new(code));
    s
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
    let (program, argv) = match parse_args(&args) {
        Ok(p) => p,
        Err(msg) => {
            let is_version = msg.starts_with("Python ");
            if is_version {
                println!("{msg}");
                return ExitCode::SUCCESS;
            }
            eprintln!("{msg}");
            return ExitCode::from(2);
        }
    };
    let handle = std::thread::Builder::new()
        .name("taipan-main".to_string())
        .stack_size(INTERPRETER_STACK)
        .spawn(move || run(program, argv));
    let status = match handle {
        Ok(h) => h.join().unwrap_or(70),
        Err(e) => {
            eprintln!("taipan: cannot start the interpreter thread: {e}");
            70
        }
    };
    ExitCode::from(status as u8)
}
