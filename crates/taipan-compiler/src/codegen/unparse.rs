//! The source text of an annotation under `from __future__ import
//! annotations` (CPython 3.11's `Python/ast_unparse.c`): an expression
//! written back with the fewest parentheses its operator precedences need,
//! constants as their `repr` (infinities as `1e309`).

use super::fold;
use taipan_bytecode::dis::repr;
use taipan_parser::ast::{
    Arguments, BoolOp, CmpOp, Comprehension, Constant, Expr, ExprKind, Keyword, Operator, UnaryOp,
};

/// Operator precedences, loosest first (`ast_unparse.c`'s `PR_*`).
const PR_TUPLE: u8 = 0;
const PR_TEST: u8 = 1;
const PR_OR: u8 = 2;
const PR_AND: u8 = 3;
const PR_NOT: u8 = 4;
const PR_CMP: u8 = 5;
const PR_EXPR: u8 = 6;
const PR_BOR: u8 = PR_EXPR;
const PR_BXOR: u8 = 7;
const PR_BAND: u8 = 8;
const PR_SHIFT: u8 = 9;
const PR_ARITH: u8 = 10;
const PR_TERM: u8 = 11;
const PR_FACTOR: u8 = 12;
const PR_POWER: u8 = 13;
const PR_AWAIT: u8 = 14;
const PR_ATOM: u8 = 15;

/// `_PyAST_ExprAsUnicode`.
pub(crate) fn unparse(e: &Expr) -> String {
    let mut out = String::new();
    expr(&mut out, e, PR_TEST);
    out
}

fn join(out: &mut String, items: &[Expr], level: u8) {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        expr(out, item, level);
    }
}

fn open(out: &mut String, cond: bool, text: &str) {
    if cond {
        out.push_str(text);
    }
}

fn binop_info(op: Operator) -> (&'static str, u8) {
    match op {
        Operator::Add => (" + ", PR_ARITH),
        Operator::Sub => (" - ", PR_ARITH),
        Operator::Mult => (" * ", PR_TERM),
        Operator::MatMult => (" @ ", PR_TERM),
        Operator::Div => (" / ", PR_TERM),
        Operator::Mod => (" % ", PR_TERM),
        Operator::FloorDiv => (" // ", PR_TERM),
        Operator::LShift => (" << ", PR_SHIFT),
        Operator::RShift => (" >> ", PR_SHIFT),
        Operator::BitOr => (" | ", PR_BOR),
        Operator::BitXor => (" ^ ", PR_BXOR),
        Operator::BitAnd => (" & ", PR_BAND),
        Operator::Pow => (" ** ", PR_POWER),
    }
}

fn cmp_text(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Eq => " == ",
        CmpOp::NotEq => " != ",
        CmpOp::Lt => " < ",
        CmpOp::LtE => " <= ",
        CmpOp::Gt => " > ",
        CmpOp::GtE => " >= ",
        CmpOp::Is => " is ",
        CmpOp::IsNot => " is not ",
        CmpOp::In => " in ",
        CmpOp::NotIn => " not in ",
    }
}

fn expr(out: &mut String, e: &Expr, level: u8) {
    match &e.kind {
        ExprKind::BoolOp { op, values } => {
            let (text, pr) = if *op == BoolOp::And { (" and ", PR_AND) } else { (" or ", PR_OR) };
            open(out, level > pr, "(");
            for (i, v) in values.iter().enumerate() {
                if i > 0 {
                    out.push_str(text);
                }
                expr(out, v, pr + 1);
            }
            open(out, level > pr, ")");
        }
        ExprKind::BinOp { left, op, right } => {
            let (text, pr) = binop_info(*op);
            let rassoc = *op == Operator::Pow;
            open(out, level > pr, "(");
            expr(out, left, pr + u8::from(rassoc));
            out.push_str(text);
            expr(out, right, pr + u8::from(!rassoc));
            open(out, level > pr, ")");
        }
        ExprKind::UnaryOp { op, operand } => {
            let (text, pr) = match op {
                UnaryOp::Invert => ("~", PR_FACTOR),
                UnaryOp::Not => ("not ", PR_NOT),
                UnaryOp::UAdd => ("+", PR_FACTOR),
                UnaryOp::USub => ("-", PR_FACTOR),
            };
            open(out, level > pr, "(");
            out.push_str(text);
            expr(out, operand, pr);
            open(out, level > pr, ")");
        }
        ExprKind::Lambda { args, body } => {
            open(out, level > PR_TEST, "(");
            out.push_str("lambda");
            if has_args(args) {
                out.push(' ');
                arguments(out, args);
            }
            out.push_str(": ");
            expr(out, body, PR_TEST);
            open(out, level > PR_TEST, ")");
        }
        ExprKind::IfExp { test, body, orelse } => {
            open(out, level > PR_TEST, "(");
            expr(out, body, PR_TEST + 1);
            out.push_str(" if ");
            expr(out, test, PR_TEST + 1);
            out.push_str(" else ");
            expr(out, orelse, PR_TEST);
            open(out, level > PR_TEST, ")");
        }
        ExprKind::Dict { keys, values } => {
            out.push('{');
            for (i, (k, v)) in keys.iter().zip(values).enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                match k {
                    Some(k) => {
                        expr(out, k, PR_TEST);
                        out.push_str(": ");
                        expr(out, v, PR_TEST);
                    }
                    None => {
                        out.push_str("**");
                        expr(out, v, PR_EXPR);
                    }
                }
            }
            out.push('}');
        }
        ExprKind::Set { elts } if elts.is_empty() => out.push_str("{*()}"),
        ExprKind::Set { elts } => {
            out.push('{');
            join(out, elts, PR_TEST);
            out.push('}');
        }
        ExprKind::ListComp { elt, generators } => comp(out, "[", elt, None, generators, "]"),
        ExprKind::SetComp { elt, generators } => comp(out, "{", elt, None, generators, "}"),
        ExprKind::GeneratorExp { elt, generators } => comp(out, "(", elt, None, generators, ")"),
        ExprKind::DictComp { key, value, generators } => comp(out, "{", key, Some(value), generators, "}"),
        ExprKind::Await { value } => {
            open(out, level > PR_AWAIT, "(");
            out.push_str("await ");
            expr(out, value, PR_ATOM);
            open(out, level > PR_AWAIT, ")");
        }
        ExprKind::Yield { value } => match value {
            None => out.push_str("(yield)"),
            Some(v) => {
                out.push_str("(yield ");
                expr(out, v, PR_TEST);
                out.push(')');
            }
        },
        ExprKind::YieldFrom { value } => {
            out.push_str("(yield from ");
            expr(out, value, PR_TEST);
            out.push(')');
        }
        ExprKind::Compare { left, ops, comparators } => {
            open(out, level > PR_CMP, "(");
            expr(out, left, PR_CMP + 1);
            for (op, c) in ops.iter().zip(comparators) {
                out.push_str(cmp_text(*op));
                expr(out, c, PR_CMP + 1);
            }
            open(out, level > PR_CMP, ")");
        }
        ExprKind::Call { func, args, keywords } => {
            expr(out, func, PR_ATOM);
            if let ([arg @ Expr { kind: ExprKind::GeneratorExp { .. }, .. }], []) = (&args[..], &keywords[..])
            {
                expr(out, arg, PR_TEST);
                return;
            }
            out.push('(');
            join(out, args, PR_TEST);
            for (i, k) in keywords.iter().enumerate() {
                if i > 0 || !args.is_empty() {
                    out.push_str(", ");
                }
                keyword(out, k);
            }
            out.push(')');
        }
        ExprKind::FormattedValue { .. } => {
            out.push('f');
            out.push_str(&repr(&taipan_bytecode::Constant::str(&fstring_body(std::slice::from_ref(e)))));
        }
        ExprKind::JoinedStr { values } => {
            out.push('f');
            out.push_str(&repr(&taipan_bytecode::Constant::str(&fstring_body(values))));
        }
        ExprKind::Constant { value, kind } => {
            if kind.as_deref() == Some("u") {
                out.push('u');
            }
            constant(out, value);
        }
        ExprKind::Attribute { value, attr, .. } => {
            expr(out, value, PR_ATOM);
            let int_value = matches!(&value.kind, ExprKind::Constant { value: Constant::Int(_), .. });
            out.push_str(if int_value { " ." } else { "." });
            out.push_str(attr);
        }
        ExprKind::Subscript { value, slice, .. } => {
            expr(out, value, PR_ATOM);
            out.push('[');
            match &slice.kind {
                ExprKind::Tuple { elts, .. } if !elts.is_empty() => {
                    join(out, elts, PR_TEST);
                    if elts.len() == 1 {
                        out.push(',');
                    }
                }
                _ => expr(out, slice, PR_TUPLE),
            }
            out.push(']');
        }
        ExprKind::Starred { value, .. } => {
            out.push('*');
            expr(out, value, PR_EXPR);
        }
        ExprKind::Name { id, .. } => out.push_str(id),
        ExprKind::List { elts, .. } => {
            out.push('[');
            join(out, elts, PR_TEST);
            out.push(']');
        }
        ExprKind::Tuple { elts, .. } if elts.is_empty() => out.push_str("()"),
        ExprKind::Tuple { elts, .. } => {
            open(out, level > PR_TUPLE, "(");
            join(out, elts, PR_TEST);
            if elts.len() == 1 {
                out.push(',');
            }
            open(out, level > PR_TUPLE, ")");
        }
        ExprKind::Slice { lower, upper, step } => {
            if let Some(l) = lower {
                expr(out, l, PR_TEST);
            }
            out.push(':');
            if let Some(u) = upper {
                expr(out, u, PR_TEST);
            }
            if let Some(s) = step {
                out.push(':');
                expr(out, s, PR_TEST);
            }
        }
        ExprKind::NamedExpr { target, value } => {
            open(out, level > PR_TUPLE, "(");
            expr(out, target, PR_ATOM);
            out.push_str(" := ");
            expr(out, value, PR_ATOM);
            open(out, level > PR_TUPLE, ")");
        }
    }
}

/// A constant's `repr`, infinities spelled `1e309` so the text parses back.
fn constant(out: &mut String, value: &Constant) {
    match value {
        Constant::Ellipsis => out.push_str("..."),
        _ => out.push_str(&repr(&fold::constant(value)).replace("inf", "1e309")),
    }
}

fn keyword(out: &mut String, k: &Keyword) {
    match &k.arg {
        Some(name) => {
            out.push_str(name);
            out.push('=');
        }
        None => out.push_str("**"),
    }
    expr(out, &k.value, PR_TEST);
}

fn comp(
    out: &mut String,
    start: &str,
    elt: &Expr,
    value: Option<&Expr>,
    generators: &[Comprehension],
    end: &str,
) {
    out.push_str(start);
    expr(out, elt, PR_TEST);
    if let Some(v) = value {
        out.push_str(": ");
        expr(out, v, PR_TEST);
    }
    for g in generators {
        out.push_str(if g.is_async != 0 { " async for " } else { " for " });
        expr(out, &g.target, PR_TUPLE);
        out.push_str(" in ");
        expr(out, &g.iter, PR_TEST + 1);
        for cond in &g.ifs {
            out.push_str(" if ");
            expr(out, cond, PR_TEST + 1);
        }
    }
    out.push_str(end);
}

fn has_args(a: &Arguments) -> bool {
    !a.posonlyargs.is_empty()
        || !a.args.is_empty()
        || a.vararg.is_some()
        || !a.kwonlyargs.is_empty()
        || a.kwarg.is_some()
}

/// A lambda's parameter list.
fn arguments(out: &mut String, a: &Arguments) {
    let mut first = true;
    let mut sep = |out: &mut String| {
        if !first {
            out.push_str(", ");
        }
        first = false;
    };
    let positional: Vec<_> = a.posonlyargs.iter().chain(&a.args).collect();
    let defaults_start = positional.len() - a.defaults.len().min(positional.len());
    for (i, arg) in positional.iter().enumerate() {
        sep(out);
        out.push_str(&arg.arg);
        if i >= defaults_start {
            out.push('=');
            expr(out, &a.defaults[i - defaults_start], PR_TEST);
        }
        if i + 1 == a.posonlyargs.len() {
            out.push_str(", /");
        }
    }
    if a.vararg.is_some() || !a.kwonlyargs.is_empty() {
        sep(out);
        out.push('*');
        if let Some(v) = &a.vararg {
            out.push_str(&v.arg);
        }
    }
    for (arg, default) in a.kwonlyargs.iter().zip(&a.kw_defaults) {
        sep(out);
        out.push_str(&arg.arg);
        if let Some(d) = default {
            out.push('=');
            expr(out, d, PR_TEST);
        }
    }
    if let Some(k) = &a.kwarg {
        sep(out);
        out.push_str("**");
        out.push_str(&k.arg);
    }
}

/// The text inside an f-string's quotes.
fn fstring_body(values: &[Expr]) -> String {
    let mut out = String::new();
    for v in values {
        match &v.kind {
            ExprKind::Constant { value: Constant::Str(s), .. } => {
                out.push_str(&String::from_utf8_lossy(s.as_bytes()).replace('{', "{{").replace('}', "}}"))
            }
            ExprKind::FormattedValue { value, conversion, format_spec } => {
                let inner = unparse_at(value, PR_TEST + 1);
                out.push('{');
                if inner.starts_with('{') {
                    out.push(' ');
                }
                out.push_str(&inner);
                if *conversion > 0 {
                    out.push('!');
                    out.push(char::from_u32(*conversion as u32).unwrap_or('r'));
                }
                if let Some(spec) = format_spec {
                    out.push(':');
                    if let ExprKind::JoinedStr { values } = &spec.kind {
                        out.push_str(&fstring_body(values));
                    }
                }
                out.push('}');
            }
            _ => {}
        }
    }
    out
}

fn unparse_at(e: &Expr, level: u8) -> String {
    let mut out = String::new();
    expr(&mut out, e, level);
    out
}
