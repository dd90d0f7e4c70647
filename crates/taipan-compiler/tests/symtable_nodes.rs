//! `SymbolTable::scope_of` and `by_node`: every scope but the module is
//! found from exactly one node, and every `def`/`class` statement of the
//! snippet corpus (`tests/data/symtable_snippets.txt`) finds its own scope;
//! `Scope::lookup` agrees with a scan of `symbols`.

use taipan_compiler::symtable::{self, ScopeId, ScopeKind, SymbolTable};
use taipan_compiler::{CompileMode, CompileOptions};
use taipan_parser::ast::{ExceptHandlerKind, Mod, Stmt, StmtKind};
use taipan_parser::{parse, Mode, ParseOptions};

fn exec_snippets() -> Vec<(String, String)> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/symtable_snippets.txt");
    let text = std::fs::read_to_string(path).expect("snippets");
    let mut chunks: Vec<(String, String)> = Vec::new();
    for line in text.split_inclusive('\n') {
        match line.strip_prefix("### ") {
            Some(name) => chunks.push((name.trim().to_owned(), String::new())),
            None => chunks.last_mut().expect("starts with ###").1.push_str(line),
        }
    }
    chunks.retain(|(name, _)| !name.ends_with(']'));
    chunks
}

/// Checks every `def`/`class` in `body` (recursively); returns how many there were.
fn check_statements(table: &SymbolTable, body: &[Stmt]) -> usize {
    body.iter().map(|s| check_statement(table, s)).sum()
}

fn check_statement(table: &SymbolTable, s: &Stmt) -> usize {
    let expect = |name: &str, kinds: &[ScopeKind]| {
        let id = table.scope_of(s as *const Stmt as *const ()).expect("def/class has a scope");
        let scope = table.scope(id);
        assert_eq!(scope.name, name);
        assert!(kinds.contains(&scope.kind), "{name}: {:?}", scope.kind);
        assert_eq!(scope.lineno, s.range.start.line);
    };
    match &s.kind {
        StmtKind::FunctionDef { name, body, .. } | StmtKind::AsyncFunctionDef { name, body, .. } => {
            expect(name, &[ScopeKind::Function]);
            1 + check_statements(table, body)
        }
        StmtKind::ClassDef { name, body, .. } => {
            expect(name, &[ScopeKind::Class]);
            1 + check_statements(table, body)
        }
        StmtKind::For { body, orelse, .. }
        | StmtKind::AsyncFor { body, orelse, .. }
        | StmtKind::While { body, orelse, .. }
        | StmtKind::If { body, orelse, .. } => {
            check_statements(table, body) + check_statements(table, orelse)
        }
        StmtKind::With { body, .. } | StmtKind::AsyncWith { body, .. } => check_statements(table, body),
        StmtKind::Try { body, handlers, orelse, finalbody }
        | StmtKind::TryStar { body, handlers, orelse, finalbody } => {
            let in_handlers: usize = handlers
                .iter()
                .map(|h| {
                    let ExceptHandlerKind::ExceptHandler { body, .. } = &h.kind;
                    check_statements(table, body)
                })
                .sum();
            check_statements(table, body)
                + in_handlers
                + check_statements(table, orelse)
                + check_statements(table, finalbody)
        }
        StmtKind::Match { cases, .. } => cases.iter().map(|c| check_statements(table, &c.body)).sum(),
        _ => 0,
    }
}

#[test]
fn every_scope_is_found_from_its_node() {
    let mut defs = 0;
    for (name, source) in exec_snippets() {
        let module = parse(&source, Mode::Exec, ParseOptions::default()).expect("snippet parses");
        let table =
            symtable::build(&module, &source, &CompileOptions::new("f", CompileMode::Exec)).expect(&name);
        let mut found: Vec<ScopeId> = table.by_node.values().copied().collect();
        found.sort_by_key(|id| id.0);
        let expected: Vec<ScopeId> = (1..table.scopes.len() as u32).map(ScopeId).collect();
        assert_eq!(found, expected, "{name}: by_node is not one node per scope");
        for (i, scope) in table.scopes.iter().enumerate() {
            for &child in &scope.children {
                assert_eq!(table.scope(child).parent, Some(ScopeId(i as u32)), "{name}: parent link");
            }
            for symbol in &scope.symbols {
                let by_lookup = scope.lookup(&symbol.name).expect("lookup finds every symbol");
                assert!(std::ptr::eq(by_lookup, symbol), "{name}: lookup({})", symbol.name);
            }
            assert!(scope.lookup("no such name").is_none());
        }
        let Mod::Module { body, .. } = &module else { unreachable!("exec mode gives a Module") };
        defs += check_statements(&table, body);
    }
    assert!(defs > 50, "the corpus has defs and classes ({defs})");
}
