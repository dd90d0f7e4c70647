//! Hand-crafted code objects, one per check of `verify`: each bad one is
//! refused with a message saying what and where, and the good baseline
//! each starts from is accepted (so no test here passes vacuously).

use std::sync::Arc;
use taipan_bytecode::code::{
    CodeObject, Constant, CO_FAST_CELL, CO_FAST_FREE, CO_FAST_LOCAL, CO_GENERATOR, CO_NEWLOCALS, CO_OPTIMIZED,
};
use taipan_bytecode::exceptiontable::{encode, ExceptionEntry};
use taipan_bytecode::verify::{verify, MAX_CODE_NESTING, MAX_STACKSIZE};
use taipan_bytecode::Opcode::{self, *};

/// Assembles instructions: EXTENDED_ARGs for big arguments, zeroed caches.
fn asm(instrs: &[(Opcode, u32)]) -> Vec<u8> {
    let mut out = Vec::new();
    for &(op, arg) in instrs {
        for shift in [24, 16, 8] {
            if arg >= 1 << shift {
                out.extend([EXTENDED_ARG as u8, (arg >> shift) as u8]);
            }
        }
        out.extend([op as u8, arg as u8]);
        out.extend(std::iter::repeat_n(0, 2 * usize::from(op.cache_entries())));
    }
    out
}

/// A function `f(a)` with one constant (None), one name (`g`) and locals
/// `a`, `b`, whose body is `instrs` after `RESUME 0`.
fn func(instrs: &[(Opcode, u32)]) -> CodeObject {
    let mut all = vec![(RESUME, 0)];
    all.extend_from_slice(instrs);
    CodeObject {
        co_argcount: 1,
        co_posonlyargcount: 0,
        co_kwonlyargcount: 0,
        co_stacksize: 2,
        co_flags: CO_OPTIMIZED | CO_NEWLOCALS,
        co_code: asm(&all).into(),
        co_consts: vec![Constant::None].into(),
        co_names: vec!["g".into()].into(),
        co_localsplusnames: vec!["a".into(), "b".into()].into(),
        co_localspluskinds: vec![CO_FAST_LOCAL, CO_FAST_LOCAL].into(),
        co_filename: "t.py".into(),
        co_name: "f".into(),
        co_qualname: "f".into(),
        co_firstlineno: 1,
        co_linetable: vec![].into(),
        co_exceptiontable: vec![].into(),
    }
}

/// Edits a field of a code object as a `Vec`.
fn edit<T: Clone>(field: &mut Arc<[T]>, change: impl FnOnce(&mut Vec<T>)) {
    let mut items = field.to_vec();
    change(&mut items);
    *field = items.into();
}

fn accept(code: &CodeObject) {
    if let Err(e) = verify(code) {
        panic!("expected acceptance, got: {e}");
    }
}

#[track_caller]
fn reject(code: &CodeObject, needle: &str) {
    match verify(code) {
        Ok(()) => panic!("expected rejection ({needle})"),
        Err(e) => assert!(e.to_string().contains(needle), "expected {needle:?} in {e:?}"),
    }
}

const RETURN_NONE: [(Opcode, u32); 2] = [(LOAD_CONST, 0), (RETURN_VALUE, 0)];

#[test]
fn baseline_accepted() {
    accept(&func(&RETURN_NONE));
    accept(&func(&[(LOAD_FAST, 0), (LOAD_FAST, 1), (BINARY_OP, 0), (RETURN_VALUE, 0)]));
    let mut call = func(&[(LOAD_GLOBAL, 1), (LOAD_FAST, 0), (PRECALL, 1), (CALL, 1), (RETURN_VALUE, 0)]);
    call.co_stacksize = 3;
    accept(&call);
}

#[test]
fn co_code_shape() {
    let mut code = func(&RETURN_NONE);
    edit(&mut code.co_code, |v| {
        v.clear();
    });
    reject(&code, "co_code has 0 bytes");
    let mut code = func(&RETURN_NONE);
    edit(&mut code.co_code, |v| {
        v.push(0);
    });
    reject(&code, "co_code has 7 bytes");
    let mut code = func(&RETURN_NONE);
    edit(&mut code.co_code, |v| {
        v.truncate(4);
    });
    reject(&code, "execution falls off the end after LOAD_CONST at offset 2 in <code f>");
}

#[test]
fn unknown_and_internal_opcodes() {
    let mut code = func(&RETURN_NONE);
    edit(&mut code.co_code, |v| v[2] = 3);
    reject(&code, "unknown opcode 3 at offset 2");
    let mut code = func(&RETURN_NONE);
    edit(&mut code.co_code, |v| v[2] = 200); // a CPython specialised form, never external
    reject(&code, "unknown opcode 200");
    reject(&func(&[(CACHE, 0), (LOAD_CONST, 0), (RETURN_VALUE, 0)]), "CACHE where an instruction belongs");
}

#[test]
fn caches() {
    let mut code = func(&[(LOAD_FAST, 0), (LOAD_FAST, 1), (BINARY_OP, 0), (RETURN_VALUE, 0)]);
    edit(&mut code.co_code, |v| v[8] = 1); // BINARY_OP's cache unit
    reject(&code, "cache entry of BINARY_OP is not zero at offset 8");
    let mut code = func(&[(LOAD_GLOBAL, 0)]);
    edit(&mut code.co_code, |v| {
        v.truncate(v.len() - 2);
    });
    reject(&code, "LOAD_GLOBAL lacks its 5 cache entries");
}

#[test]
fn extended_arg_chains() {
    let mut big = func(&[(LOAD_CONST, 300), (RETURN_VALUE, 0)]);
    big.co_consts = (vec![Constant::None; 301]).into();
    accept(&big);
    let chain = [(EXTENDED_ARG, 0), (EXTENDED_ARG, 0), (EXTENDED_ARG, 0), (EXTENDED_ARG, 0)];
    let mut code = func(&chain);
    edit(&mut code.co_code, |v| {
        v.extend(asm(&RETURN_NONE));
    });
    reject(&code, "more than three EXTENDED_ARGs");
    let code = func(&[(LOAD_CONST, 0), (EXTENDED_ARG, 1), (RETURN_VALUE, 0)]);
    reject(&code, "EXTENDED_ARG before RETURN_VALUE, which takes no argument");
    let code = func(&[(LOAD_CONST, 0), (RETURN_VALUE, 0), (EXTENDED_ARG, 1)]);
    reject(&code, "EXTENDED_ARG at the end of the code at offset 6");
}

#[test]
fn index_ranges() {
    reject(&func(&[(LOAD_CONST, 1), (RETURN_VALUE, 0)]), "LOAD_CONST argument 1 out of range: 1 constants");
    reject(&func(&[(LOAD_NAME, 1), (RETURN_VALUE, 0)]), "LOAD_NAME argument 1 out of range");
    // LOAD_GLOBAL's argument is index << 1 | push_null.
    accept(&func(&[(LOAD_GLOBAL, 0), (RETURN_VALUE, 0)]));
    reject(&func(&[(LOAD_GLOBAL, 2), (RETURN_VALUE, 0)]), "LOAD_GLOBAL argument 2 out of range");
    reject(&func(&[(LOAD_ATTR, 1)]), "LOAD_ATTR argument 1 out of range");
    reject(&func(&[(LOAD_FAST, 2), (RETURN_VALUE, 0)]), "LOAD_FAST argument 2 out of range: 2 local slots");
    reject(&func(&[(LOAD_DEREF, 0), (RETURN_VALUE, 0)]), "LOAD_DEREF on local slot 0 of kind 0x20");
    let mut cell = func(&[(LOAD_FAST, 1), (RETURN_VALUE, 0)]);
    edit(&mut cell.co_localspluskinds, |v| v[1] = CO_FAST_LOCAL | CO_FAST_CELL);
    cell.co_code = ([asm(&[(MAKE_CELL, 1)]), cell.co_code.to_vec()].concat()).into();
    reject(&cell, "LOAD_FAST on local slot 1 of kind 0x60");
}

#[test]
fn operand_ranges() {
    let two = |op: Opcode, arg: u32| func(&[(LOAD_FAST, 0), (LOAD_FAST, 1), (op, arg), (RETURN_VALUE, 0)]);
    accept(&two(COMPARE_OP, 5));
    reject(&two(COMPARE_OP, 6), "COMPARE_OP argument 6 out of range: 6 comparisons");
    accept(&two(BINARY_OP, 25));
    reject(&two(BINARY_OP, 26), "BINARY_OP argument 26 out of range");
    reject(&two(IS_OP, 2), "bad argument 2 for IS_OP");
    reject(&two(CONTAINS_OP, 2), "bad argument 2 for CONTAINS_OP");
    reject(&two(BUILD_SLICE, 1), "bad argument 1 for BUILD_SLICE");
    reject(&func(&[(RAISE_VARARGS, 3)]), "bad argument 3 for RAISE_VARARGS");
    reject(&func(&[(LOAD_FAST, 0), (FORMAT_VALUE, 8), (RETURN_VALUE, 0)]), "bad argument 8 for FORMAT_VALUE");
    reject(&func(&[(LOAD_FAST, 0), (COPY, 0), (RETURN_VALUE, 0)]), "bad argument 0 for COPY");
    reject(&func(&[(RESUME, 4), (LOAD_CONST, 0), (RETURN_VALUE, 0)]), "bad argument 4 for RESUME");
    let mut make = func(&[(LOAD_CONST, 1), (MAKE_FUNCTION, 16), (RETURN_VALUE, 0)]);
    edit(&mut make.co_consts, |v| {
        v.push(Constant::Code(Arc::new(func(&RETURN_NONE))));
    });
    reject(&make, "bad argument 16 for MAKE_FUNCTION");
    // The closure flag must match the code's free variables.
    let mut closure = func(&[(LOAD_CONST, 1), (MAKE_FUNCTION, 0), (RETURN_VALUE, 0)]);
    let mut inner = func(&[(LOAD_DEREF, 1), (RETURN_VALUE, 0)]);
    edit(&mut inner.co_localspluskinds, |v| v[1] = CO_FAST_FREE);
    inner.co_code = ([asm(&[(COPY_FREE_VARS, 1)]), inner.co_code.to_vec()].concat()).into();
    edit(&mut closure.co_consts, |v| {
        v.push(Constant::Code(Arc::new(inner)));
    });
    reject(&closure, "MAKE_FUNCTION's closure flag disagrees with the code's free variables");
    make.co_code = (asm(&[(RESUME, 0), (LOAD_CONST, 1), (MAKE_FUNCTION, 8), (RETURN_VALUE, 0)])).into();
    reject(&make, "MAKE_FUNCTION's closure flag disagrees");
    // Counts so large that they would wrap a 32-bit stack effect.
    let mut huge = func(&[(LOAD_FAST, 0), (UNPACK_SEQUENCE, u32::MAX), (RETURN_VALUE, 0)]);
    huge.co_stacksize = MAX_STACKSIZE;
    reject(&huge, "UNPACK_SEQUENCE argument 4294967295 out of range");
    reject(
        &func(&[(LOAD_FAST, 0), (UNPACK_EX, u32::MAX), (RETURN_VALUE, 0)]),
        "UNPACK_EX argument 4294967295",
    );
    reject(&func(&[(BUILD_MAP, 1 << 31), (RETURN_VALUE, 0)]), "BUILD_MAP argument 2147483648 out of range");
}

#[test]
fn jump_targets() {
    // 0 RESUME, 2 LOAD_FAST, 4 POP_JUMP_FORWARD_IF_FALSE, 6 LOAD_CONST, 8 RETURN_VALUE.
    let jump = |arg: u32| {
        func(&[(LOAD_FAST, 0), (POP_JUMP_FORWARD_IF_FALSE, arg), (LOAD_CONST, 0), (RETURN_VALUE, 0)])
    };
    accept(&jump(0));
    // With an EXTENDED_ARG: 4 EXTENDED_ARG, 6 POP_JUMP_FORWARD_IF_FALSE, next unit 4.
    let message = verify(&jump(4995)).unwrap_err().to_string();
    assert_eq!(message, "jump target 9998 out of range at offset 6 in <code f>");
    reject(&jump(2), "jump target 10 out of range");
    // Into a cache: 2 LOAD_GLOBAL (caches 4..14), 14 POP_TOP, ...
    let into_cache =
        func(&[(JUMP_FORWARD, 1), (LOAD_GLOBAL, 0), (POP_TOP, 0), (LOAD_CONST, 0), (RETURN_VALUE, 0)]);
    reject(&into_cache, "jump target 6 not on an instruction boundary at offset 2");
    // Into the middle of an EXTENDED_ARG chain.
    let mut chain = func(&[(JUMP_FORWARD, 1), (LOAD_CONST, 300), (RETURN_VALUE, 0)]);
    chain.co_consts = (vec![Constant::None; 301]).into();
    reject(&chain, "jump target 6 not on an instruction boundary");
    reject(&func(&[(JUMP_BACKWARD, 5)]), "jump target -6 before the start");
    // 0 MAKE_CELL, 2 RESUME, 4 LOAD_CONST, 6 JUMP_BACKWARD 4 (to 0).
    let mut prefix = func(&[(LOAD_CONST, 0), (JUMP_BACKWARD, 4)]);
    edit(&mut prefix.co_localspluskinds, |v| v[1] = CO_FAST_CELL);
    prefix.co_code = ([asm(&[(MAKE_CELL, 1)]), prefix.co_code.to_vec()].concat()).into();
    reject(&prefix, "jump target 0 inside the prefix at offset 6");
}

#[test]
fn stack_depth() {
    reject(
        &func(&[(POP_TOP, 0), (LOAD_CONST, 0), (RETURN_VALUE, 0)]),
        "stack underflow: POP_TOP reads 1 items, depth is 0",
    );
    reject(&func(&[(BUILD_TUPLE, 3), (RETURN_VALUE, 0)]), "stack underflow: BUILD_TUPLE reads 3 items");
    let three = [(LOAD_CONST, 0), (LOAD_CONST, 0), (LOAD_CONST, 0), (BUILD_TUPLE, 3), (RETURN_VALUE, 0)];
    reject(&func(&three), "stack depth 3 exceeds co_stacksize 2 at offset 6");
    reject(&func(&[(LOAD_FAST, 0), (UNPACK_SEQUENCE, 40), (RETURN_VALUE, 0)]), "exceeds co_stacksize");
    // Two paths meeting with different depths: if a: push one more.
    // 2 LOAD_CONST, 4 LOAD_FAST, 6 POP_JUMP_FORWARD_IF_FALSE +1, 8 LOAD_CONST, 10 RETURN_VALUE
    let merge =
        [(LOAD_CONST, 0), (LOAD_FAST, 0), (POP_JUMP_FORWARD_IF_FALSE, 1), (LOAD_CONST, 0), (RETURN_VALUE, 0)];
    reject(&func(&merge), "disagrees");
    // PRECALL's count must be on the stack.
    reject(&func(&[(LOAD_GLOBAL, 1), (PRECALL, 1), (CALL, 1), (RETURN_VALUE, 0)]), "PRECALL reads 3 items");
}

/// `try: return g except: return None` shaped code with a handler.
fn with_handler(depth: u32, target: u32) -> CodeObject {
    // 0 RESUME, 2 NOP, 4 LOAD_CONST, 6 RETURN_VALUE, 8 PUSH_EXC_INFO, 10 POP_TOP, 12 POP_EXCEPT,
    // 14 LOAD_CONST, 16 RETURN_VALUE
    let body = [
        (NOP, 0),
        (LOAD_CONST, 0),
        (RETURN_VALUE, 0),
        (PUSH_EXC_INFO, 0),
        (POP_TOP, 0),
        (POP_EXCEPT, 0),
        (LOAD_CONST, 0),
        (RETURN_VALUE, 0),
    ];
    let mut code = func(&body);
    let entry = ExceptionEntry { start: 1, end: 3, target, depth, lasti: false };
    code.co_exceptiontable = (encode(&[entry])).into();
    code
}

#[test]
fn exception_table() {
    accept(&with_handler(0, 4));
    reject(&with_handler(2, 4), "handler depth 2 exceeds co_stacksize");
    let mut above = with_handler(1, 4);
    above.co_stacksize = 4;
    reject(&above, "exception handler depth 1 above stack depth 0 at offset 2");
    reject(&with_handler(0, 40), "handler 80 out of range");
    let mut mid = with_handler(0, 4);
    mid.co_code =
        (asm(&[(RESUME, 0), (NOP, 0), (LOAD_GLOBAL, 0), (RETURN_VALUE, 0), (RETURN_VALUE, 0)])).into();
    mid.co_exceptiontable =
        (encode(&[ExceptionEntry { start: 1, end: 2, target: 4, depth: 0, lasti: false }])).into();
    reject(&mid, "handler 8 not on an instruction boundary");
    let mut bad = with_handler(0, 4);
    bad.co_exceptiontable = (vec![0x01]).into();
    reject(&bad, "bad exception table: entry without its start bit");
    let mut empty = with_handler(0, 4);
    empty.co_exceptiontable = (vec![0x81, 0, 4, 0]).into(); // start 1, length 0
    reject(&empty, "outside the code or empty");
    let mut overlap = with_handler(0, 4);
    let e = ExceptionEntry { start: 1, end: 3, target: 4, depth: 0, lasti: false };
    overlap.co_exceptiontable = (encode(&[e, ExceptionEntry { start: 2, ..e }])).into();
    reject(&overlap, "overlaps");
    // A handler edge deeper than the stack size allows once lasti is pushed.
    let mut lasti = with_handler(1, 4);
    lasti.co_code =
        asm(&[(RESUME, 0), (LOAD_CONST, 0), (RETURN_VALUE, 0), (PUSH_EXC_INFO, 0), (RETURN_VALUE, 0)]).into();
    lasti.co_exceptiontable =
        encode(&[ExceptionEntry { start: 2, end: 3, target: 3, depth: 1, lasti: true }]).into();
    reject(&lasti, "handler depth 1 exceeds co_stacksize");
}

#[test]
fn prefix_and_generators() {
    let mut no_resume = func(&RETURN_NONE);
    no_resume.co_code = (asm(&RETURN_NONE)).into();
    reject(&no_resume, "no RESUME");
    let mut cell = func(&[(LOAD_DEREF, 1), (RETURN_VALUE, 0)]);
    edit(&mut cell.co_localspluskinds, |v| v[1] = CO_FAST_CELL);
    reject(&cell, "cell slot 1 has no MAKE_CELL");
    cell.co_code = ([asm(&[(MAKE_CELL, 1)]), cell.co_code.to_vec()].concat()).into();
    accept(&cell);
    let mut free = func(&[(LOAD_DEREF, 1), (RETURN_VALUE, 0)]);
    edit(&mut free.co_localspluskinds, |v| v[1] = CO_FAST_FREE);
    reject(&free, "free variables but no COPY_FREE_VARS");
    free.co_code = ([asm(&[(COPY_FREE_VARS, 1)]), free.co_code.to_vec()].concat()).into();
    accept(&free);
    free.co_code = ([asm(&[(COPY_FREE_VARS, 2)]), free.co_code[2..].to_vec()].concat()).into();
    reject(&free, "bad argument 2 for COPY_FREE_VARS");
    reject(
        &func(&[(LOAD_CONST, 0), (YIELD_VALUE, 0), (RETURN_VALUE, 0)]),
        "YIELD_VALUE outside generator code",
    );
    let mut generator = func(&[(LOAD_CONST, 0), (YIELD_VALUE, 0), (RETURN_VALUE, 0)]);
    generator.co_flags |= CO_GENERATOR;
    reject(&generator, "RETURN_GENERATOR must start exactly the generator");
    generator.co_code =
        ([asm(&[(RETURN_GENERATOR, 0), (POP_TOP, 0)]), generator.co_code.to_vec()].concat()).into();
    accept(&generator);
    reject(&func(&[(MAKE_CELL, 0), (LOAD_CONST, 0), (RETURN_VALUE, 0)]), "MAKE_CELL after the first RESUME");
}

#[test]
fn instruction_pairs() {
    let mut kw =
        func(&[(LOAD_GLOBAL, 1), (LOAD_FAST, 0), (KW_NAMES, 1), (PRECALL, 1), (CALL, 1), (RETURN_VALUE, 0)]);
    edit(&mut kw.co_consts, |v| {
        v.push(Constant::tuple(vec![Constant::str("x")]));
    });
    kw.co_stacksize = 3;
    accept(&kw);
    edit(&mut kw.co_consts, |v| v[1] = Constant::tuple(vec![Constant::Int(1)]));
    reject(&kw, "KW_NAMES constant is not a tuple of strings");
    edit(&mut kw.co_consts, |v| v[1] = Constant::tuple(vec![Constant::str("x"), Constant::str("y")]));
    reject(&kw, "KW_NAMES not followed by a PRECALL with at least as many arguments");
    let call = [(LOAD_GLOBAL, 1), (LOAD_FAST, 0), (PRECALL, 1), (CALL, 0), (RETURN_VALUE, 0)];
    reject(&func(&call), "PRECALL not followed by a CALL with the same argument");
    let lone = [(LOAD_GLOBAL, 1), (LOAD_FAST, 0), (NOP, 0), (CALL, 1), (RETURN_VALUE, 0)];
    reject(&func(&lone), "CALL not preceded by PRECALL");
    reject(
        &func(&[(LOAD_CONST, 0), (MAKE_FUNCTION, 0), (RETURN_VALUE, 0)]),
        "MAKE_FUNCTION not right after loading a code constant",
    );
    // A jump straight to a CALL would skip its PRECALL.
    let mut to_call = func(&[
        (LOAD_GLOBAL, 1),
        (LOAD_FAST, 0),
        (JUMP_FORWARD, 2),
        (PRECALL, 1),
        (CALL, 1),
        (RETURN_VALUE, 0),
    ]);
    to_call.co_stacksize = 3;
    reject(&to_call, "is a CALL");
}

#[test]
fn fields() {
    let mut code = func(&RETURN_NONE);
    edit(&mut code.co_localspluskinds, |v| {
        v.pop();
    });
    reject(&code, "co_localsplusnames and co_localspluskinds differ in length");
    let mut code = func(&RETURN_NONE);
    code.co_localspluskinds = (vec![CO_FAST_FREE, CO_FAST_LOCAL]).into();
    reject(&code, "local slot 1 out of order");
    let mut code = func(&RETURN_NONE);
    edit(&mut code.co_localspluskinds, |v| v[0] = 0);
    reject(&code, "bad kind 0x00 of local slot 0");
    let mut code = func(&RETURN_NONE);
    code.co_argcount = 3;
    reject(&code, "3 arguments but only 2 locals");
    let mut code = func(&RETURN_NONE);
    code.co_flags |= 1 << 30;
    reject(&code, "unknown co_flags bits 0x40000000");
    let mut code = func(&RETURN_NONE);
    code.co_stacksize = u32::MAX;
    reject(&code, "co_stacksize 4294967295 above");
    let mut code = func(&RETURN_NONE);
    code.co_stacksize = 100;
    reject(&code, "co_stacksize 100 far above the deepest stack 1");
    let mut code = func(&RETURN_NONE);
    code.co_linetable = (vec![0x80 | (14 << 3)]).into(); // a long entry cut short
    reject(&code, "bad location table");
}

#[test]
fn constants_and_nesting() {
    for bad in [
        Constant::List(Arc::from(vec![])),
        Constant::Dict(Arc::from(vec![])),
        Constant::Set(Arc::from(vec![])),
        Constant::StopIteration,
        Constant::tuple(vec![Constant::Int(1), Constant::tuple(vec![Constant::List(Arc::from(vec![]))])]),
    ] {
        let mut code = func(&RETURN_NONE);
        edit(&mut code.co_consts, |v| {
            v.push(bad);
        });
        reject(&code, "among the constants");
    }
    // A bad nested code object is reported under its own name.
    let mut inner = func(&[(LOAD_CONST, 7), (RETURN_VALUE, 0)]);
    inner.co_qualname = "f.<locals>.inner".into();
    let mut outer = func(&RETURN_NONE);
    edit(&mut outer.co_consts, |v| {
        v.push(Constant::Code(Arc::new(inner)));
    });
    reject(&outer, "LOAD_CONST argument 7 out of range: 1 constants at offset 2 in <code f.<locals>.inner>");
    // Nesting: fine at the limit, refused beyond it.
    let nest = |levels: usize| {
        let mut code = func(&RETURN_NONE);
        for _ in 0..levels {
            let mut outer = func(&RETURN_NONE);
            edit(&mut outer.co_consts, |v| {
                v.push(Constant::Code(Arc::new(code)));
            });
            code = outer;
        }
        code
    };
    accept(&nest(MAX_CODE_NESTING));
    reject(&nest(MAX_CODE_NESTING + 1), "nested more than");
}

/// The checks the linear pass makes when an instruction's partner would
/// come next: at the end of the code there is none.
#[test]
fn pairs_cut_off_at_the_end() {
    let mut kw = func(&[(LOAD_CONST, 0), (RETURN_VALUE, 0), (KW_NAMES, 1)]);
    edit(&mut kw.co_consts, |v| {
        v.push(Constant::tuple(vec![Constant::str("x")]));
    });
    reject(&kw, "KW_NAMES not followed by a PRECALL with at least as many arguments at offset 6");
    let precall = func(&[(LOAD_CONST, 0), (RETURN_VALUE, 0), (PRECALL, 0)]);
    reject(&precall, "PRECALL not followed by a CALL with the same argument at offset 6");
}

/// The prefix: `RETURN_GENERATOR` needs its `POP_TOP`, a `POP_TOP` needs
/// its `RETURN_GENERATOR`, and a stray instruction is named even when later
/// ones are fine.
#[test]
fn prefix_order() {
    let generator = |prefix: &[(Opcode, u32)]| {
        let mut code = func(&[(LOAD_CONST, 0), (YIELD_VALUE, 0), (RETURN_VALUE, 0)]);
        code.co_flags |= CO_GENERATOR;
        code.co_code = ([asm(prefix), code.co_code.to_vec()].concat()).into();
        code
    };
    accept(&generator(&[(RETURN_GENERATOR, 0), (POP_TOP, 0)]));
    reject(&generator(&[(RETURN_GENERATOR, 0)]), "RETURN_GENERATOR before the first RESUME at offset 0");
    reject(
        &generator(&[(RETURN_GENERATOR, 0), (NOP, 0), (POP_TOP, 0)]),
        "RETURN_GENERATOR before the first RESUME at offset 0",
    );
    reject(&generator(&[(POP_TOP, 0), (RETURN_GENERATOR, 0)]), "POP_TOP before the first RESUME at offset 0");
    reject(
        &generator(&[(RETURN_GENERATOR, 0), (POP_TOP, 0), (RETURN_GENERATOR, 0), (POP_TOP, 0)]),
        "RETURN_GENERATOR before the first RESUME at offset 4",
    );
    reject(
        &generator(&[(RETURN_GENERATOR, 0), (POP_TOP, 0), (POP_TOP, 0)]),
        "POP_TOP before the first RESUME at offset 4",
    );
}

/// Handler rules inside a basic block: the depth may not drop below the
/// handler's anywhere in the range (not only where the range starts), and
/// every path into a handler brings the same depth.
#[test]
fn handlers_within_blocks() {
    // 0 RESUME, 2 LOAD_CONST, 4 NOP, 6 POP_TOP, 8 NOP, 10 LOAD_CONST, 12 RETURN_VALUE,
    // 14 PUSH_EXC_INFO, 16 POP_TOP, 18 POP_EXCEPT, 20 LOAD_CONST, 22 RETURN_VALUE
    let body = [
        (LOAD_CONST, 0),
        (NOP, 0),
        (POP_TOP, 0),
        (NOP, 0),
        (LOAD_CONST, 0),
        (RETURN_VALUE, 0),
        (PUSH_EXC_INFO, 0),
        (POP_TOP, 0),
        (POP_EXCEPT, 0),
        (LOAD_CONST, 0),
        (RETURN_VALUE, 0),
    ];
    let mut code = func(&body);
    code.co_stacksize = 4;
    let table = |entries: &[ExceptionEntry]| -> Arc<[u8]> { encode(entries).into() };
    let entry = |start, end, depth| ExceptionEntry { start, end, target: 7, depth, lasti: false };
    code.co_exceptiontable = table(&[entry(2, 3, 1)]);
    let mut ok = code.clone();
    ok.co_code = asm(&[
        (RESUME, 0),
        (LOAD_CONST, 0),
        (NOP, 0),
        (NOP, 0),
        (POP_TOP, 0),
        (LOAD_CONST, 0),
        (RETURN_VALUE, 0),
        (PUSH_EXC_INFO, 0),
        (POP_TOP, 0),
        (POP_EXCEPT, 0),
        (POP_TOP, 0),
        (LOAD_CONST, 0),
        (RETURN_VALUE, 0),
    ])
    .into();
    accept(&ok);
    code.co_exceptiontable = table(&[entry(2, 5, 1)]);
    reject(&code, "exception handler depth 1 above stack depth 0 at offset 8");
    code.co_exceptiontable = table(&[entry(2, 3, 1), entry(4, 5, 0)]);
    reject(&code, "disagrees");
}
