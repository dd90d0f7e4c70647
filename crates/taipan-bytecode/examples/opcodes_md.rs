//! Prints `docs/opcodes.md` from the opcode table.
fn main() {
    print!("{}", taipan_bytecode::opcodes::markdown_table());
}
