//! Code generation: AST + symbol table → [`CodeUnit`]s, as CPython 3.11's
//! `Python/compile.c` emits them (the `compiler_*` functions, before its
//! flow-graph passes), with constant folding as `Python/ast_opt.c` does it
//! done on the fly (`fold.rs`: the AST is borrowed, never rewritten, since
//! the symbol table finds scopes by node address). Nested scopes are
//! assembled (`crate::assemble`) as they finish and stored as
//! `Constant::Code` in their parent.
//!
//! This module holds the compiler state: the stack of units being built
//! (one per open scope), the current source location, the frame-block stack
//! used to unwind `break`/`continue`/`return`, and the small emitters every
//! area uses. The areas: `stmt.rs` (simple and compound statements),
//! `expr.rs` (expressions, calls, conditional jumps), `func.rs` (functions,
//! lambdas, classes, closures), `comp.rs` (comprehensions), `exc.rs`
//! (try/except/finally, with, unwinding), `pattern.rs` (match), `future.rs`
//! (`from __future__` features), `fold.rs` (constant folding).

mod comp;
mod exc;
mod expr;
pub mod fold;
mod func;
pub mod future;
mod pattern;
mod stmt;
mod unparse;

use crate::assemble::ConstCache;
use crate::ir::{BlockId, CodeUnit, Location, Op};
use crate::symtable::{NameScope, Scope, ScopeId, SymbolTable};
use crate::{CompileMode, CompileOptions};
use compact_str::CompactString;
use std::borrow::Cow;
use taipan_bytecode::fasthash::FastHashSet;
use taipan_bytecode::{ArgKind, Constant, Opcode, PyString};
use taipan_parser::ast::{Expr, ExprContext, ExprKind, Mod, Range, Stmt, StmtKind};
use taipan_parser::{ErrorKind, SyntaxError};

pub(crate) type CResult<T = ()> = Result<T, SyntaxError>;

/// CPython's `STACK_USE_GUIDELINE`: above this many items, builds go
/// element by element instead of through the stack.
const STACK_USE_GUIDELINE: usize = 30;

/// CPython's `CO_MAXBLOCKS`: the deepest nesting of frame blocks.
const MAX_BLOCKS: usize = 20;

/// The `PyCF_MASK` part of compile flags that code objects inherit.
const FUTURE_FLAGS_MASK: u32 = 0x3fe_0000;

/// CPython's `COMPILER_SCOPE_*`: what kind of unit is being compiled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum UnitKind {
    Module,
    Class,
    Function,
    AsyncFunction,
    Lambda,
    Comprehension,
}

impl UnitKind {
    /// Whether the symbol table calls it a `FunctionBlock`.
    fn is_function_block(self) -> bool {
        matches!(
            self,
            UnitKind::Function | UnitKind::AsyncFunction | UnitKind::Lambda | UnitKind::Comprehension
        )
    }
}

/// CPython's `fblocktype`: what an unwinding jump must clean up.
#[derive(Clone, Copy, Debug)]
pub(crate) enum FBlock<'a> {
    WhileLoop {
        start: BlockId,
        exit: BlockId,
    },
    ForLoop {
        start: BlockId,
        exit: BlockId,
    },
    TryExcept,
    FinallyTry {
        body: &'a [Stmt],
    },
    FinallyEnd,
    With {
        stmt: Location,
        is_async: bool,
    },
    /// An `except` body; `name` is the `as` target, if any.
    HandlerCleanup {
        name: Option<&'a str>,
    },
    PopValue,
    ExceptionHandler,
    ExceptionGroupHandler,
    AsyncComprehensionGenerator,
}

/// One scope being compiled.
pub(crate) struct Unit<'a> {
    pub code: CodeUnit,
    pub kind: UnitKind,
    pub scope: Option<&'a Scope>,
    /// The class name used for private-name mangling.
    pub private: Option<CompactString>,
    pub loc: Location,
    pub fblocks: Vec<FBlock<'a>>,
    /// The code objects among `code.consts`: `(co_firstlineno, index)`,
    /// sorted by line (only code objects of one line can be equal; a
    /// module of thousands of functions must not compare each new one
    /// with all the others).
    pub code_consts: Vec<(i32, u32)>,
    /// CPython's `u_need_new_implicit_block`: the last instruction ended
    /// a basic block (a jump, return or raise), so the next one starts a
    /// new block.
    pub need_new_block: bool,
}

/// The code generator of one compilation.
pub(crate) struct Compiler<'a> {
    table: &'a SymbolTable,
    source: &'a str,
    options: &'a CompileOptions,
    units: Vec<Unit<'a>>,
    interactive: bool,
    future: future::Features,
    /// `options.filename`, shared by every code unit.
    filename: PyString,
    /// Identifiers already made `PyString`s, shared by every code unit.
    strings: FastHashSet<PyString>,
    /// Equal constants and tables of the finished code objects, merged.
    const_cache: ConstCache,
}

/// Generates the top-level code unit of `module`, with the cache that
/// merged its nested code objects (to assemble it with).
pub fn generate(
    module: &Mod,
    table: &SymbolTable,
    source: &str,
    options: &CompileOptions,
) -> Result<(CodeUnit, ConstCache), SyntaxError> {
    let features = future::Features::of(table);
    let filename = PyString::from(options.filename.as_str());
    let mut compiler = Compiler {
        table,
        source,
        options,
        units: Vec::new(),
        interactive: false,
        future: features,
        filename,
        strings: FastHashSet::default(),
        const_cache: ConstCache::default(),
    };
    let unit = compiler.compile_mod(module)?;
    Ok((unit, compiler.const_cache))
}

impl<'a> Compiler<'a> {
    /// `compiler_mod`: the module unit.
    fn compile_mod(&mut self, module: &'a Mod) -> CResult<CodeUnit> {
        let scope = self.table.scopes.first();
        self.enter_scope("<module>", UnitKind::Module, scope, 1);
        let mut add_none = true;
        match (module, self.options.mode) {
            (Mod::Module { body, .. }, _) => self.body(body)?,
            (Mod::Interactive { body }, _) => {
                if stmt::find_ann(body) {
                    self.op(Opcode::SETUP_ANNOTATIONS);
                }
                self.interactive = true;
                for s in body {
                    self.visit_stmt(s)?;
                }
            }
            (Mod::Expression { body }, _) => {
                self.visit_expr(body)?;
                add_none = false;
            }
            (Mod::FunctionType { .. }, _) => {
                return Err(self.error("compile() cannot compile a function type"));
            }
        }
        let _ = CompileMode::Exec;
        Ok(self.exit_scope(add_none))
    }

    /// `compiler_body`: a module or class body, docstring first.
    fn body(&mut self, stmts: &'a [Stmt]) -> CResult {
        if self.unit().kind == UnitKind::Module {
            if let Some(first) = stmts.first() {
                self.set_loc(first.range);
            }
        }
        if stmt::find_ann(stmts) {
            self.op(Opcode::SETUP_ANNOTATIONS);
        }
        let mut rest = stmts;
        if self.options.optimize < 2 {
            if let (Some(doc), Some(first)) = (docstring(stmts), stmts.first()) {
                if let StmtKind::Expr { value } = &first.kind {
                    self.with_loc(value.range, |c| {
                        c.load_const(doc);
                        Ok(())
                    })?;
                }
                self.unset_loc();
                self.nameop("__doc__", ExprContext::Store)?;
                rest = &stmts[1..];
            }
        }
        self.visit_body_stmts(rest, rest.len() == stmts.len())
    }

    /// The statements of a module, class or function body. `at_start`:
    /// they start the body, where `ast_opt.c`'s `astfold_body` wraps a
    /// first statement that only *folds* to a string (`"a" + "b"`) in an
    /// f-string, so it is evaluated and popped instead of being dropped.
    fn visit_body_stmts(&mut self, stmts: &'a [Stmt], at_start: bool) -> CResult {
        let mut rest = stmts;
        if let (true, Some(first)) = (at_start, stmts.first()) {
            if let StmtKind::Expr { value } = &first.kind {
                let raw_constant = matches!(value.kind, ExprKind::Constant { .. });
                if !raw_constant && matches!(self.fold(value), Some(Constant::Str(_))) {
                    self.set_loc(first.range);
                    self.visit_expr(value)?;
                    self.unset_loc();
                    self.op(Opcode::POP_TOP);
                    rest = &stmts[1..];
                }
            }
        }
        for s in rest {
            self.visit_stmt(s)?;
        }
        Ok(())
    }

    // ---- units -------------------------------------------------------

    fn unit(&self) -> &Unit<'a> {
        self.units.last().expect("a unit is open")
    }

    fn unit_mut(&mut self) -> &mut Unit<'a> {
        self.units.last_mut().expect("a unit is open")
    }

    fn code(&mut self) -> &mut CodeUnit {
        &mut self.unit_mut().code
    }

    /// The scope the symbol table made for `node` (a def/class statement or
    /// a lambda/comprehension expression).
    fn scope_for<T>(&self, node: &T) -> Option<&'a Scope> {
        let table: &'a SymbolTable = self.table;
        table.scope_of(node as *const T as *const ()).map(|id: ScopeId| table.scope(id))
    }

    /// `compiler_enter_scope`: opens a unit and emits its `RESUME`.
    fn enter_scope(&mut self, name: &str, kind: UnitKind, scope: Option<&'a Scope>, firstlineno: i32) {
        let mut code = CodeUnit::new(name, name, self.filename.clone(), firstlineno);
        if let Some(scope) = scope {
            code.varnames = scope.params.iter().map(|p| self.shared_str(p)).collect();
            code.cellvars = self.sorted_names(scope, |s| s.scope == NameScope::Cell);
            if scope.needs_class_closure && !code.cellvars.iter().any(|c| c.eq_str("__class__")) {
                code.cellvars.insert(0, "__class__".into());
            }
            code.freevars = self.sorted_names(scope, |s| {
                s.scope == NameScope::Free || s.flags & crate::symtable::DEF_FREE_CLASS != 0
            });
        }
        code.flags = self.code_flags(kind, scope);
        let private = self.units.last().and_then(|u| u.private.clone());
        let loc = Location { lineno: firstlineno, end_lineno: firstlineno, col_offset: 0, end_col_offset: 0 };
        self.units.push(Unit {
            code,
            kind,
            scope,
            private,
            loc,
            fblocks: Vec::new(),
            code_consts: Vec::new(),
            need_new_block: false,
        });
        if kind == UnitKind::Module {
            self.unit_mut().loc.lineno = 0;
        } else if let Some(qualname) = self.qualname(name, kind) {
            self.code().qualname = qualname.as_str().into();
        }
        self.op_arg(Opcode::RESUME, 0);
        if kind == UnitKind::Module {
            self.unit_mut().loc.lineno = -1;
        }
    }

    /// `compute_code_flags`.
    fn code_flags(&self, kind: UnitKind, scope: Option<&Scope>) -> u32 {
        use taipan_bytecode::code::*;
        let mut flags = 0;
        if kind.is_function_block() {
            flags |= CO_NEWLOCALS | CO_OPTIMIZED;
            if let Some(s) = scope {
                if s.is_nested {
                    flags |= CO_NESTED;
                }
                flags |= match (s.is_generator, s.is_coroutine) {
                    (true, false) => CO_GENERATOR,
                    (false, true) => CO_COROUTINE,
                    (true, true) => CO_ASYNC_GENERATOR,
                    (false, false) => 0,
                };
                if s.has_varargs {
                    flags |= CO_VARARGS;
                }
                if s.has_varkeywords {
                    flags |= CO_VARKEYWORDS;
                }
            } else if kind == UnitKind::AsyncFunction {
                flags |= CO_COROUTINE;
            }
        }
        flags | ((self.options.future_flags | self.future.flags) & FUTURE_FLAGS_MASK)
    }

    /// `compiler_set_qualname`: `None` when the qualified name is `name`
    /// itself (what `CodeUnit::new` set).
    fn qualname(&self, name: &str, kind: UnitKind) -> Option<String> {
        let n = self.units.len();
        if n < 3 {
            // The new unit and the module only.
            return None;
        }
        let parent = &self.units[n - 2];
        if matches!(kind, UnitKind::Function | UnitKind::AsyncFunction | UnitKind::Class) {
            let mangled = mangle(parent.private.as_deref(), name);
            if parent.scope.and_then(|s| s.lookup(&mangled)).map(|s| s.scope)
                == Some(NameScope::GlobalExplicit)
            {
                return None;
            }
        }
        let base = parent.code.qualname.as_str().unwrap_or("");
        let locals = match parent.kind {
            UnitKind::Function | UnitKind::AsyncFunction | UnitKind::Lambda => ".<locals>",
            _ => "",
        };
        let mut qualname = String::with_capacity(base.len() + locals.len() + 1 + name.len());
        for part in [base, locals, ".", name] {
            qualname.push_str(part);
        }
        Some(qualname)
    }

    /// `compiler_exit_scope` after `assemble`'s implicit return: closes the
    /// current unit and returns it with its cell/free arguments final.
    fn exit_scope(&mut self, add_none: bool) -> CodeUnit {
        if !self.current_block_returns() {
            self.unset_loc();
            if add_none {
                self.load_const(Constant::None);
            }
            self.op(Opcode::RETURN_VALUE);
        }
        let mut unit = self.units.pop().expect("a unit is open").code;
        resolve_deref_args(&mut unit);
        unit
    }

    fn current_block_returns(&self) -> bool {
        let code = &self.unit().code;
        code.blocks[code.current.0 as usize]
            .instrs
            .last()
            .is_some_and(|i| i.op == Op::Real(Opcode::RETURN_VALUE))
    }

    // ---- locations -----------------------------------------------------

    fn set_loc(&mut self, range: Range) {
        self.unit_mut().loc = Location::from_range(range);
    }

    fn unset_loc(&mut self) {
        self.unit_mut().loc.lineno = -1;
    }

    /// Runs `f` with the location of `range`, restoring the current one
    /// after (as `compiler_visit_expr` does).
    fn with_loc(&mut self, range: Range, f: impl FnOnce(&mut Self) -> CResult) -> CResult {
        let saved = self.unit().loc;
        self.set_loc(range);
        let result = f(self);
        self.unit_mut().loc = saved;
        result
    }

    /// The location instructions get: CPython's `i_lineno` etc. (an unset
    /// line makes the whole location absent).
    fn current_loc(&self) -> Location {
        let loc = self.unit().loc;
        if loc.lineno < 0 {
            Location::NONE
        } else {
            loc
        }
    }

    // ---- emitters ------------------------------------------------------

    fn op(&mut self, op: Opcode) {
        self.op_arg(op, 0);
    }

    fn op_arg(&mut self, op: Opcode, arg: u32) {
        let loc = self.current_loc();
        self.emit(Op::Real(op), arg, None, loc);
    }

    fn op_noline(&mut self, op: Opcode, arg: u32) {
        self.emit(Op::Real(op), arg, None, Location::NONE);
    }

    /// A jump (pseudo or real) to `target`.
    fn jump(&mut self, op: Op, target: BlockId) {
        let loc = self.current_loc();
        self.emit(op, 0, Some(target), loc);
    }

    fn jump_noline(&mut self, op: Op, target: BlockId) {
        self.emit(op, 0, Some(target), Location::NONE);
    }

    fn real_jump(&mut self, op: Opcode, target: BlockId) {
        self.jump(Op::Real(op), target);
    }

    fn pop_block(&mut self) {
        let loc = self.current_loc();
        self.emit(Op::PopBlock, 0, None, loc);
    }

    fn pop_block_noline(&mut self) {
        self.emit(Op::PopBlock, 0, None, Location::NONE);
    }

    /// Appends one instruction, first starting a new block if the last one
    /// ended a block (CPython's `compiler_use_new_implicit_block_if_needed`).
    fn emit(&mut self, op: Op, arg: u32, target: Option<BlockId>, loc: Location) {
        let unit = self.unit_mut();
        if unit.need_new_block {
            let block = unit.code.new_block();
            unit.code.use_block(block);
        }
        unit.code.emit(op, arg, target, loc);
        unit.need_new_block = ends_block(op);
    }

    fn load_const(&mut self, value: Constant) {
        let index = self.add_const(value);
        self.op_arg(Opcode::LOAD_CONST, index);
    }

    /// `compiler_add_const`: merged with an equal constant, except that a
    /// NaN never equals another (each folded NaN is its own object in
    /// CPython, and its constant key compares unequal).
    fn add_const(&mut self, value: Constant) -> u32 {
        let is_nan = match value {
            Constant::Float(x) => x.is_nan(),
            Constant::Complex { re, im } => re.is_nan() || im.is_nan(),
            _ => false,
        };
        if is_nan {
            let code = self.code();
            code.consts.push(value);
            return code.consts.len() as u32 - 1;
        }
        if let Constant::Code(new) = &value {
            // Code objects compare by value (a finally body compiled twice
            // makes two equal ones: CPython keeps one).
            if let Some(i) = self.equal_code_const(new) {
                return i;
            }
            let line = new.co_firstlineno;
            let index = self.code().add_const(value);
            let code_consts = &mut self.unit_mut().code_consts;
            let at = code_consts.partition_point(|&(l, _)| l <= line);
            code_consts.insert(at, (line, index));
            return index;
        }
        self.code().add_const(value)
    }

    /// The index of a code constant of the current unit equal to `new`.
    fn equal_code_const(&self, new: &taipan_bytecode::CodeObject) -> Option<u32> {
        let unit = self.unit();
        let is_equal =
            |i: u32| matches!(&unit.code.consts[i as usize], Constant::Code(old) if same_code(old, new));
        let line = new.co_firstlineno;
        let from = unit.code_consts.partition_point(|&(l, _)| l < line);
        let same_line = unit.code_consts[from..].iter().take_while(|&&(l, _)| l == line);
        same_line.map(|&(_, i)| i).find(|&i| is_equal(i))
    }

    /// `ADDOP_NAME`: an instruction naming `co_names[...]`, the name mangled.
    fn op_name(&mut self, op: Opcode, name: &str) {
        let mangled = mangle(self.unit().private.as_deref(), name);
        let mut index = self.code().add_name(&mangled);
        if op == Opcode::LOAD_GLOBAL {
            index <<= 1;
        }
        self.op_arg(op, index);
    }

    /// `ADDOP_N`: as `op_name` without mangling.
    fn op_name_raw(&mut self, op: Opcode, name: &str) {
        let index = self.code().add_name(name);
        self.op_arg(op, index);
    }

    fn new_block(&mut self) -> BlockId {
        self.code().new_block()
    }

    fn use_block(&mut self, block: BlockId) {
        self.code().use_block(block);
        self.unit_mut().need_new_block = false;
    }

    /// `NEXT_BLOCK`: starts a new block that control falls into.
    fn next_block(&mut self) {
        let block = self.new_block();
        self.use_block(block);
    }

    // ---- frame blocks --------------------------------------------------

    fn push_fblock(&mut self, block: FBlock<'a>) -> CResult {
        if self.unit().fblocks.len() >= MAX_BLOCKS {
            return Err(self.error("too many statically nested blocks"));
        }
        self.unit_mut().fblocks.push(block);
        Ok(())
    }

    fn pop_fblock(&mut self) {
        self.unit_mut().fblocks.pop();
    }

    // ---- names ---------------------------------------------------------

    /// The scope of `name` (already mangled) in the current unit.
    fn name_scope(&self, mangled: &str) -> Option<NameScope> {
        self.unit().scope.and_then(|s| s.lookup(mangled)).map(|s| s.scope)
    }

    /// `compiler_nameop`: load, store or delete a variable.
    fn nameop(&mut self, name: &str, ctx: ExprContext) -> CResult {
        self.forbidden_name(name, ctx)?;
        let mangled = mangle(self.unit().private.as_deref(), name);
        let function_block = self.unit().kind.is_function_block();
        let kind = self.unit().kind;
        let scope = self.name_scope(&mangled);
        match scope {
            Some(scope @ (NameScope::Free | NameScope::Cell)) => {
                let op = match ctx {
                    ExprContext::Load if kind == UnitKind::Class => Opcode::LOAD_CLASSDEREF,
                    ExprContext::Load => Opcode::LOAD_DEREF,
                    ExprContext::Store => Opcode::STORE_DEREF,
                    ExprContext::Del => Opcode::DELETE_DEREF,
                };
                let index = self.deref_index_in(&mangled, scope == NameScope::Free)?;
                self.op_arg(op, index);
            }
            Some(NameScope::Local) if function_block => {
                let op = pick(ctx, Opcode::LOAD_FAST, Opcode::STORE_FAST, Opcode::DELETE_FAST);
                let index = self.varname_index(&mangled);
                self.op_arg(op, index);
            }
            Some(NameScope::GlobalExplicit) | Some(NameScope::GlobalImplicit)
                if function_block || scope == Some(NameScope::GlobalExplicit) =>
            {
                // GLOBAL_EXPLICIT everywhere, GLOBAL_IMPLICIT in functions.
                let op = pick(ctx, Opcode::LOAD_GLOBAL, Opcode::STORE_GLOBAL, Opcode::DELETE_GLOBAL);
                let mut index = self.code().add_name(&mangled);
                if op == Opcode::LOAD_GLOBAL {
                    index <<= 1;
                }
                self.op_arg(op, index);
            }
            _ => {
                let op = pick(ctx, Opcode::LOAD_NAME, Opcode::STORE_NAME, Opcode::DELETE_NAME);
                let index = self.code().add_name(&mangled);
                self.op_arg(op, index);
            }
        }
        Ok(())
    }

    /// The provisional index of a cell or free variable: its place in
    /// `cellvars ++ freevars` (made final by [`resolve_deref_args`]).
    fn deref_index(&self, name: &str) -> CResult<u32> {
        self.deref_index_in(name, false)
    }

    /// As `deref_index`, looking among the free variables first if `free`
    /// (a class can have `__class__` both as a cell and as a free variable).
    fn deref_index_in(&self, name: &str, free: bool) -> CResult<u32> {
        let code = &self.unit().code;
        if free {
            if let Some(i) = code.freevars.iter().position(|n| n.eq_str(name)) {
                return Ok((i + code.cellvars.len()) as u32);
            }
        }
        let code = &self.unit().code;
        let cells = code.cellvars.iter().position(|n| n.eq_str(name));
        let frees = code.freevars.iter().position(|n| n.eq_str(name)).map(|i| i + code.cellvars.len());
        match cells.or(frees) {
            Some(i) => Ok(i as u32),
            None => Err(self.error(&format!("compiler: no cell or free variable named '{name}'"))),
        }
    }

    /// `forbidden_name`: `__debug__` cannot be assigned or deleted.
    fn forbidden_name(&self, name: &str, ctx: ExprContext) -> CResult {
        if name == "__debug__" {
            match ctx {
                ExprContext::Store => return Err(self.error("cannot assign to __debug__")),
                ExprContext::Del => return Err(self.error("cannot delete __debug__")),
                ExprContext::Load => {}
            }
        }
        Ok(())
    }

    /// Whether `e` is a name bound by an import at module level
    /// (`is_import_originated`: its methods are not called via LOAD_METHOD).
    fn is_import_originated(&self, e: &Expr) -> bool {
        let ExprKind::Name { id, .. } = &e.kind else { return false };
        self.table
            .scopes
            .first()
            .and_then(|s| s.lookup(id))
            .is_some_and(|s| s.flags & crate::symtable::DEF_IMPORT != 0)
    }

    /// `text` as a `PyString` shared with its other uses in this
    /// compilation (one allocation per distinct identifier).
    fn shared_str(&mut self, text: &str) -> PyString {
        if let Some(s) = self.strings.get(text.as_bytes()) {
            return s.clone();
        }
        let s = PyString::from(text);
        self.strings.insert(s.clone());
        s
    }

    /// The names of `scope` whose symbol satisfies `keep`, sorted (CPython's
    /// `dictbytype`).
    fn sorted_names(
        &mut self,
        scope: &Scope,
        keep: impl Fn(&crate::symtable::Symbol) -> bool,
    ) -> Vec<PyString> {
        let mut names: Vec<&str> =
            scope.symbols.iter().filter(|s| keep(s)).map(|s| s.name.as_str()).collect();
        if names.is_empty() {
            return Vec::new();
        }
        names.sort_unstable();
        names.into_iter().map(|n| self.shared_str(n)).collect()
    }

    /// The `co_varnames` index of `name`, added on first use (CPython's
    /// `compiler_add_o` on `u_varnames`).
    fn varname_index(&mut self, name: &str) -> u32 {
        if let Some(i) =
            self.unit().code.varnames.iter().position(|n| crate::names::same(n.as_wtf8(), name.as_bytes()))
        {
            return i as u32;
        }
        let name = self.shared_str(name);
        let varnames = &mut self.code().varnames;
        varnames.push(name);
        varnames.len() as u32 - 1
    }

    // ---- errors --------------------------------------------------------

    /// `compiler_error`: a `SyntaxError` at the current location (CPython
    /// reports byte columns, plus one).
    fn error(&self, msg: &str) -> SyntaxError {
        let loc = self.units.last().map_or(Location::NONE, |u| u.loc);
        let text = (loc.lineno > 0)
            .then(|| format!("{}\n", taipan_parser::error::source_line(self.source, loc.lineno as u32)));
        SyntaxError::with_fields(
            ErrorKind::SyntaxError,
            msg,
            (loc.lineno, loc.col_offset + 1),
            (loc.end_lineno, loc.end_col_offset + 1),
            text,
        )
    }

    fn error_at(&mut self, range: Range, msg: &str) -> SyntaxError {
        self.set_loc(range);
        self.error(msg)
    }
}

/// Whether two code objects are equal, comparing the fields that tell
/// most of them apart first.
fn same_code(a: &taipan_bytecode::CodeObject, b: &taipan_bytecode::CodeObject) -> bool {
    a.co_firstlineno == b.co_firstlineno && a.co_name == b.co_name && a == b
}

/// `is_end_of_basic_block`: jumps (not the `SETUP_*` pushes), returns and raises.
fn ends_block(op: Op) -> bool {
    match op {
        Op::Real(op) => {
            matches!(op.arg_kind(), ArgKind::JumpForward | ArgKind::JumpBackward)
                || matches!(op, Opcode::RETURN_VALUE | Opcode::RAISE_VARARGS | Opcode::RERAISE)
        }
        Op::Jump
        | Op::JumpNoInterrupt
        | Op::PopJumpIfFalse
        | Op::PopJumpIfTrue
        | Op::PopJumpIfNone
        | Op::PopJumpIfNotNone => true,
        Op::SetupFinally | Op::SetupCleanup | Op::SetupWith | Op::PopBlock => false,
    }
}

fn pick(ctx: ExprContext, load: Opcode, store: Opcode, del: Opcode) -> Opcode {
    match ctx {
        ExprContext::Load => load,
        ExprContext::Store => store,
        ExprContext::Del => del,
    }
}

/// Rewrites the provisional `cellvars ++ freevars` indices of the
/// cell/free instructions into final `localsplus` indices (CPython's
/// `fix_cell_offsets`).
fn resolve_deref_args(unit: &mut CodeUnit) {
    if unit.cellvars.is_empty() && unit.freevars.is_empty() {
        return;
    }
    let finals = deref_slots(unit);
    for block in &mut unit.blocks {
        for instr in &mut block.instrs {
            if let Op::Real(op) = instr.op {
                if op.arg_kind() == ArgKind::Free && op != Opcode::COPY_FREE_VARS {
                    if let Some(&fin) = finals.get(instr.arg as usize) {
                        instr.arg = fin;
                    }
                }
            }
        }
    }
}

/// The `localsplus` slot of each entry of `cellvars ++ freevars`: a cell
/// that is an argument keeps its argument slot, the other cells follow the
/// locals, then the free variables (a name can be both a cell and a free
/// variable, in a class: they are different slots).
fn deref_slots(unit: &CodeUnit) -> Vec<u32> {
    let nlocals = unit.varnames.len() as u32;
    let mut next = nlocals;
    let mut slots = Vec::with_capacity(unit.cellvars.len() + unit.freevars.len());
    for cell in &unit.cellvars {
        match unit.varnames.iter().position(|v| v == cell) {
            Some(i) => slots.push(i as u32),
            None => {
                slots.push(next);
                next += 1;
            }
        }
    }
    for i in 0..unit.freevars.len() {
        slots.push(next + i as u32);
    }
    slots
}

/// `_Py_Mangle`: `__name` inside class `C` becomes `_C__name` (borrowed
/// when unchanged, as it almost always is).
pub(crate) fn mangle<'n>(private: Option<&str>, name: &'n str) -> Cow<'n, str> {
    crate::symtable::mangle(private, name)
}

/// `_PyAST_GetDocString`: the body's docstring, if its first statement is
/// a string constant.
pub(crate) fn docstring(body: &[Stmt]) -> Option<Constant> {
    let StmtKind::Expr { value } = &body.first()?.kind else { return None };
    match &value.kind {
        ExprKind::Constant { value: c @ taipan_parser::ast::Constant::Str(_), .. } => Some(fold::constant(c)),
        _ => None,
    }
}
