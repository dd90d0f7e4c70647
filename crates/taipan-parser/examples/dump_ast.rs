//! `dump_ast FILE [--mode exec|eval|single|func_type]`: prints what
//! `python3 -m ast -a FILE` prints, or on a syntax error what CPython prints
//! for an uncaught SyntaxError (to stderr, exit status 1).

use std::process::ExitCode;
use taipan_parser::{dump, parse_bytes, Mode, ParseOptions};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut path = None;
    let mut mode = Mode::Exec;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-m" | "--mode" => {
                let name = args.next().unwrap_or_default();
                let Some(m) = Mode::from_name(&name) else {
                    eprintln!("dump_ast: unknown mode {name:?}");
                    return ExitCode::from(2);
                };
                mode = m;
            }
            _ => path = Some(arg),
        }
    }
    let Some(path) = path else {
        eprintln!("usage: dump_ast FILE [--mode exec|eval|single|func_type]");
        return ExitCode::from(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(err) => {
            eprintln!("dump_ast: {path}: {err}");
            return ExitCode::from(2);
        }
    };
    match parse_bytes(&bytes, mode, ParseOptions { type_comments: true }) {
        Ok(tree) => {
            println!("{}", dump::dump_like_ast_main(&tree));
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprint!("{}", err.render(&path));
            ExitCode::from(1)
        }
    }
}
