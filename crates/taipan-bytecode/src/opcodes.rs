//! CPython 3.11's instruction set, defined once. Every row of the
//! `opcodes!` table gives an instruction's name, its number, what its
//! argument means, how many inline cache entries follow it, its stack effect
//! (as a function of the argument and of whether a branch is taken) and one
//! line saying what it does. The `Opcode` enum, `from_u8`, names, cache
//! sizes, stack effects and the generated `docs/opcodes.md` all come from
//! here; nothing else lists instructions. The per-instruction properties
//! the assembler asks for at every instruction (argument kind, caches,
//! stack effect) are 256-entry tables indexed by the opcode number.
//!
//! Numbers, cache sizes and stack effects are CPython 3.11's (`Lib/opcode.py`
//! and `dis.stack_effect`); a test checks them against data generated from
//! CPython. Specialised (quickened) forms are the VM's business and live
//! there, not in the external format.

/// What an instruction's argument means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArgKind {
    /// No argument (numbers below `HAVE_ARGUMENT`); the byte is ignored.
    None,
    /// An index into `co_consts`.
    Const,
    /// An index into `co_names` (for `LOAD_GLOBAL`, `index << 1 | push_null`).
    Name,
    /// An index into the fast locals (`co_varnames` part of `co_localsplusnames`).
    Local,
    /// An index into the cell and free variables of `co_localsplusnames`.
    Free,
    /// A forward jump, in code units after the instruction and its caches.
    JumpForward,
    /// A backward jump, in code units before the end of the instruction and its caches.
    JumpBackward,
    /// A comparison operator (`<`, `<=`, `==`, `!=`, `>`, `>=`).
    Compare,
    /// A binary operator (`NB_ADD`, …, `NB_INPLACE_XOR`).
    BinaryOp,
    /// A count of items or arguments.
    Count,
    /// Flags or a small operand whose meaning the instruction's line gives.
    Raw,
}

/// The first opcode number that takes an argument.
pub const HAVE_ARGUMENT: u8 = 90;

macro_rules! opcodes {
    ($( $name:ident = $num:literal, $arg:ident, $cache:literal, $effect:expr, $doc:literal; )*) => {
        /// One CPython 3.11 instruction.
        #[allow(non_camel_case_types, clippy::upper_case_acronyms)]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[repr(u8)]
        pub enum Opcode {
            $( #[doc = $doc] $name = $num, )*
        }

        /// `arg_kind` by opcode number (unused numbers: `None`).
        const ARG_KINDS: [ArgKind; 256] = {
            let mut table = [ArgKind::None; 256];
            $( table[$num] = ArgKind::$arg; )*
            table
        };

        /// `cache_entries` by opcode number.
        const CACHE_ENTRIES: [u8; 256] = {
            let mut table = [0; 256];
            $( table[$num] = $cache; )*
            table
        };

        /// `stack_effect` by opcode number.
        const STACK_EFFECTS: [fn(u32, bool) -> i32; 256] = {
            let mut table: [fn(u32, bool) -> i32; 256] = [|_, _| 0; 256];
            $( table[$num] = $effect; )*
            table
        };

        impl Opcode {
            /// Every instruction, in table order.
            pub const ALL: &'static [Opcode] = &[ $( Opcode::$name, )* ];

            /// The instruction numbered `byte`, if there is one.
            pub const fn from_u8(byte: u8) -> Option<Opcode> {
                match byte {
                    $( $num => Some(Opcode::$name), )*
                    _ => None,
                }
            }

            /// The name `dis` shows.
            pub const fn name(self) -> &'static str {
                match self {
                    $( Opcode::$name => stringify!($name), )*
                }
            }

            /// What the argument means.
            #[inline]
            pub const fn arg_kind(self) -> ArgKind {
                ARG_KINDS[self as usize]
            }

            /// How many inline `CACHE` code units follow the instruction.
            #[inline]
            pub const fn cache_entries(self) -> u8 {
                CACHE_ENTRIES[self as usize]
            }

            /// The net change in stack depth, as `dis.stack_effect(op, arg, jump=jump)`.
            #[inline]
            pub fn stack_effect(self, arg: u32, jump: bool) -> i32 {
                STACK_EFFECTS[self as usize](arg, jump)
            }

            /// The one-line description of the instruction.
            pub const fn meaning(self) -> &'static str {
                match self {
                    $( Opcode::$name => $doc, )*
                }
            }
        }
    };
}

opcodes! {
    // name                          num   arg           cache effect(arg, jump)                 meaning
    CACHE                         =   0, None,         0, |_, _| 0,   "Inline cache entry of the instruction before; never executed.";
    POP_TOP                       =   1, None,         0, |_, _| -1,  "Discard TOS.";
    PUSH_NULL                     =   2, None,         0, |_, _| 1,   "Push NULL (before a callable that is not a method).";
    NOP                           =   9, None,         0, |_, _| 0,   "Do nothing.";
    UNARY_POSITIVE                =  10, None,         0, |_, _| 0,   "TOS = +TOS.";
    UNARY_NEGATIVE                =  11, None,         0, |_, _| 0,   "TOS = -TOS.";
    UNARY_NOT                     =  12, None,         0, |_, _| 0,   "TOS = not TOS.";
    UNARY_INVERT                  =  15, None,         0, |_, _| 0,   "TOS = ~TOS.";
    BINARY_SUBSCR                 =  25, None,         4, |_, _| -1,  "TOS = TOS1[TOS].";
    GET_LEN                       =  30, None,         0, |_, _| 1,   "Push len(TOS).";
    MATCH_MAPPING                 =  31, None,         0, |_, _| 1,   "Push whether TOS is a mapping (for match).";
    MATCH_SEQUENCE                =  32, None,         0, |_, _| 1,   "Push whether TOS is a sequence (for match).";
    MATCH_KEYS                    =  33, None,         0, |_, _| 1,   "Push the values of keys TOS in mapping TOS1, or None.";
    PUSH_EXC_INFO                 =  35, None,         0, |_, _| 1,   "Push the current exception, make TOS the current one.";
    CHECK_EXC_MATCH               =  36, None,         0, |_, _| 0,   "TOS = isinstance-style match of exception TOS1 against TOS.";
    CHECK_EG_MATCH                =  37, None,         0, |_, _| 0,   "Split exception group TOS1 by type TOS (except*).";
    WITH_EXCEPT_START             =  49, None,         0, |_, _| 1,   "Call the context manager's __exit__ with the exception.";
    GET_AITER                     =  50, None,         0, |_, _| 0,   "TOS = TOS.__aiter__().";
    GET_ANEXT                     =  51, None,         0, |_, _| 1,   "Push an awaitable for TOS.__anext__().";
    BEFORE_ASYNC_WITH             =  52, None,         0, |_, _| 1,   "Push __aexit__ and the awaitable of __aenter__().";
    BEFORE_WITH                   =  53, None,         0, |_, _| 1,   "Push __exit__ and the result of __enter__().";
    END_ASYNC_FOR                 =  54, None,         0, |_, _| -2,  "End an async for loop on StopAsyncIteration, else re-raise.";
    STORE_SUBSCR                  =  60, None,         1, |_, _| -3,  "TOS1[TOS] = TOS2.";
    DELETE_SUBSCR                 =  61, None,         0, |_, _| -2,  "del TOS1[TOS].";
    GET_ITER                      =  68, None,         0, |_, _| 0,   "TOS = iter(TOS).";
    GET_YIELD_FROM_ITER           =  69, None,         0, |_, _| 0,   "TOS = iter(TOS) unless it is a generator or coroutine.";
    PRINT_EXPR                    =  70, None,         0, |_, _| -1,  "Print TOS through sys.displayhook (interactive mode).";
    LOAD_BUILD_CLASS              =  71, None,         0, |_, _| 1,   "Push builtins.__build_class__.";
    LOAD_ASSERTION_ERROR          =  74, None,         0, |_, _| 1,   "Push AssertionError.";
    RETURN_GENERATOR              =  75, None,         0, |_, _| 0,   "Create a generator from the current frame and return it.";
    LIST_TO_TUPLE                 =  82, None,         0, |_, _| 0,   "TOS = tuple(TOS).";
    RETURN_VALUE                  =  83, None,         0, |_, _| -1,  "Return TOS to the caller.";
    IMPORT_STAR                   =  84, None,         0, |_, _| -1,  "from TOS import *.";
    SETUP_ANNOTATIONS             =  85, None,         0, |_, _| 0,   "Create __annotations__ in the locals if missing.";
    YIELD_VALUE                   =  86, None,         0, |_, _| 0,   "Yield TOS from a generator.";
    ASYNC_GEN_WRAP                =  87, None,         0, |_, _| 0,   "Wrap TOS as an async generator's yielded value.";
    PREP_RERAISE_STAR             =  88, None,         0, |_, _| -1,  "Combine the exceptions raised and re-raised in except* blocks.";
    POP_EXCEPT                    =  89, None,         0, |_, _| -1,  "Restore the exception state from TOS.";
    STORE_NAME                    =  90, Name,         0, |_, _| -1,  "name = TOS (locals dict).";
    DELETE_NAME                   =  91, Name,         0, |_, _| 0,   "del name (locals dict).";
    UNPACK_SEQUENCE               =  92, Count,        1, |a, _| a as i32 - 1, "Unpack TOS into arg items, pushed right to left.";
    FOR_ITER                      =  93, JumpForward,  0, |_, j| if j { -1 } else { 1 }, "Push next(TOS), or pop TOS and jump when exhausted.";
    UNPACK_EX                     =  94, Raw,          0, |a, _| (a & 0xFF) as i32 + (a >> 8) as i32, "Unpack TOS with a starred target: low byte before, high byte after.";
    STORE_ATTR                    =  95, Name,         4, |_, _| -2,  "TOS.name = TOS1.";
    DELETE_ATTR                   =  96, Name,         0, |_, _| -1,  "del TOS.name.";
    STORE_GLOBAL                  =  97, Name,         0, |_, _| -1,  "global name = TOS.";
    DELETE_GLOBAL                 =  98, Name,         0, |_, _| 0,   "del global name.";
    SWAP                          =  99, Raw,          0, |_, _| 0,   "Swap TOS with the item arg-1 below it.";
    LOAD_CONST                    = 100, Const,        0, |_, _| 1,   "Push co_consts[arg].";
    LOAD_NAME                     = 101, Name,         0, |_, _| 1,   "Push name from locals, globals or builtins.";
    BUILD_TUPLE                   = 102, Count,        0, |a, _| 1 - a as i32, "Replace the top arg items with a tuple of them.";
    BUILD_LIST                    = 103, Count,        0, |a, _| 1 - a as i32, "Replace the top arg items with a list of them.";
    BUILD_SET                     = 104, Count,        0, |a, _| 1 - a as i32, "Replace the top arg items with a set of them.";
    BUILD_MAP                     = 105, Count,        0, |a, _| 1 - 2 * a as i32, "Replace the top 2*arg items (key, value pairs) with a dict.";
    LOAD_ATTR                     = 106, Name,         4, |_, _| 0,   "TOS = TOS.name.";
    COMPARE_OP                    = 107, Compare,      2, |_, _| -1,  "TOS = TOS1 <cmp> TOS.";
    IMPORT_NAME                   = 108, Name,         0, |_, _| -1,  "Import module name with fromlist TOS and level TOS1.";
    IMPORT_FROM                   = 109, Name,         0, |_, _| 1,   "Push attribute name of module TOS (from-import).";
    JUMP_FORWARD                  = 110, JumpForward,  0, |_, _| 0,   "Jump forward by arg.";
    JUMP_IF_FALSE_OR_POP          = 111, JumpForward,  0, |_, j| if j { 0 } else { -1 }, "If TOS is false jump and keep it, else pop it.";
    JUMP_IF_TRUE_OR_POP           = 112, JumpForward,  0, |_, j| if j { 0 } else { -1 }, "If TOS is true jump and keep it, else pop it.";
    POP_JUMP_FORWARD_IF_FALSE     = 114, JumpForward,  0, |_, _| -1,  "Pop TOS; jump forward if it is false.";
    POP_JUMP_FORWARD_IF_TRUE      = 115, JumpForward,  0, |_, _| -1,  "Pop TOS; jump forward if it is true.";
    LOAD_GLOBAL                   = 116, Name,         5, |a, _| 1 + (a & 1) as i32, "Push global co_names[arg>>1], after a NULL if arg&1.";
    IS_OP                         = 117, Raw,          0, |_, _| -1,  "TOS = TOS1 is TOS (is not, if arg is 1).";
    CONTAINS_OP                   = 118, Raw,          0, |_, _| -1,  "TOS = TOS1 in TOS (not in, if arg is 1).";
    RERAISE                       = 119, Raw,          0, |_, _| -1,  "Re-raise TOS; if arg, set f_lasti from the item arg below.";
    COPY                          = 120, Raw,          0, |_, _| 1,   "Push a copy of the item arg-1 below TOS.";
    BINARY_OP                     = 122, BinaryOp,     1, |_, _| -1,  "TOS = TOS1 <op> TOS.";
    SEND                          = 123, JumpForward,  0, |_, j| if j { -1 } else { 0 }, "Send TOS into the sub-iterator TOS1; jump when it returns.";
    LOAD_FAST                     = 124, Local,        0, |_, _| 1,   "Push local arg.";
    STORE_FAST                    = 125, Local,        0, |_, _| -1,  "Local arg = TOS.";
    DELETE_FAST                   = 126, Local,        0, |_, _| 0,   "del local arg.";
    POP_JUMP_FORWARD_IF_NOT_NONE  = 128, JumpForward,  0, |_, _| -1,  "Pop TOS; jump forward if it is not None.";
    POP_JUMP_FORWARD_IF_NONE      = 129, JumpForward,  0, |_, _| -1,  "Pop TOS; jump forward if it is None.";
    RAISE_VARARGS                 = 130, Count,        0, |a, _| -(a as i32), "raise (arg 0), raise TOS (1), raise TOS1 from TOS (2).";
    GET_AWAITABLE                 = 131, Raw,          0, |_, _| 0,   "TOS = the awaitable of TOS (arg says where, for errors).";
    MAKE_FUNCTION                 = 132, Raw,          0, |a, _| -((a & 0xF).count_ones() as i32), "Make a function from code TOS and the extras flagged in arg.";
    BUILD_SLICE                   = 133, Count,        0, |a, _| if a == 3 { -2 } else { -1 }, "Replace the top 2 or 3 items with a slice.";
    JUMP_BACKWARD_NO_INTERRUPT    = 134, JumpBackward, 0, |_, _| 0,   "Jump backward by arg without checking for interrupts.";
    MAKE_CELL                     = 135, Free,         0, |_, _| 0,   "Wrap local arg in a new cell.";
    LOAD_CLOSURE                  = 136, Free,         0, |_, _| 1,   "Push the cell in slot arg.";
    LOAD_DEREF                    = 137, Free,         0, |_, _| 1,   "Push the content of the cell in slot arg.";
    STORE_DEREF                   = 138, Free,         0, |_, _| -1,  "Store TOS into the cell in slot arg.";
    DELETE_DEREF                  = 139, Free,         0, |_, _| 0,   "Empty the cell in slot arg.";
    JUMP_BACKWARD                 = 140, JumpBackward, 0, |_, _| 0,   "Jump backward by arg (checks for interrupts).";
    CALL_FUNCTION_EX              = 142, Raw,          0, |a, _| -2 - (a & 1) as i32, "Call TOS1 or TOS2 with *args (and **kwargs if arg&1).";
    EXTENDED_ARG                  = 144, Raw,          0, |_, _| 0,   "Prefix: arg << 8 goes into the next instruction's argument.";
    LIST_APPEND                   = 145, Count,        0, |_, _| -1,  "Append TOS to the list arg items down (comprehensions).";
    SET_ADD                       = 146, Count,        0, |_, _| -1,  "Add TOS to the set arg items down (comprehensions).";
    MAP_ADD                       = 147, Count,        0, |_, _| -2,  "Add TOS1: TOS to the dict arg items down (comprehensions).";
    LOAD_CLASSDEREF               = 148, Free,         0, |_, _| 1,   "Push name from the class locals, else from the cell in slot arg.";
    COPY_FREE_VARS                = 149, Count,        0, |_, _| 0,   "Copy arg free variables from the closure into the frame.";
    RESUME                        = 151, Raw,          0, |_, _| 0,   "A no-op marking where a frame starts or resumes (arg says why).";
    MATCH_CLASS                   = 152, Count,        0, |_, _| -2,  "Match TOS2 against class TOS1 with arg positional patterns.";
    FORMAT_VALUE                  = 155, Raw,          0, |a, _| if a & 0x04 != 0 { -1 } else { 0 }, "Format TOS (conversion in arg&3, a spec below it if arg&4).";
    BUILD_CONST_KEY_MAP           = 156, Count,        0, |a, _| -(a as i32), "Build a dict of arg values and the key tuple TOS.";
    BUILD_STRING                  = 157, Count,        0, |a, _| 1 - a as i32, "Concatenate the top arg strings.";
    LOAD_METHOD                   = 160, Name,        10, |_, _| 1,   "Push the method name of TOS and TOS, or NULL and the attribute.";
    LIST_EXTEND                   = 162, Count,        0, |_, _| -1,  "Extend the list arg items down with TOS.";
    SET_UPDATE                    = 163, Count,        0, |_, _| -1,  "Update the set arg items down with TOS.";
    DICT_MERGE                    = 164, Count,        0, |_, _| -1,  "Merge TOS into the dict arg items down, failing on duplicates.";
    DICT_UPDATE                   = 165, Count,        0, |_, _| -1,  "Update the dict arg items down with TOS.";
    PRECALL                       = 166, Count,        1, |a, _| -(a as i32), "Prepare a call with arg arguments (binds bound methods).";
    CALL                          = 171, Count,        4, |_, _| -1,  "Call with arg arguments (the last KW_NAMES of them by keyword).";
    KW_NAMES                      = 172, Const,        0, |_, _| 0,   "Set the keyword names of the next CALL to co_consts[arg].";
    POP_JUMP_BACKWARD_IF_NOT_NONE = 173, JumpBackward, 0, |_, _| -1,  "Pop TOS; jump backward if it is not None.";
    POP_JUMP_BACKWARD_IF_NONE     = 174, JumpBackward, 0, |_, _| -1,  "Pop TOS; jump backward if it is None.";
    POP_JUMP_BACKWARD_IF_FALSE    = 175, JumpBackward, 0, |_, _| -1,  "Pop TOS; jump backward if it is false.";
    POP_JUMP_BACKWARD_IF_TRUE     = 176, JumpBackward, 0, |_, _| -1,  "Pop TOS; jump backward if it is true.";
}

impl Opcode {
    /// Whether the instruction uses its argument byte.
    #[inline]
    pub const fn has_arg(self) -> bool {
        self as u8 >= HAVE_ARGUMENT
    }

    /// Whether the instruction may jump.
    #[inline]
    pub const fn is_jump(self) -> bool {
        matches!(self.arg_kind(), ArgKind::JumpForward | ArgKind::JumpBackward)
    }
}

/// The operators of `BINARY_OP`, by argument (`dis` shows the symbol).
pub const BINARY_OPS: [&str; 26] = [
    "+", "&", "//", "<<", "@", "*", "%", "|", "**", ">>", "-", "/", "^", "+=", "&=", "//=", "<<=", "@=",
    "*=", "%=", "|=", "**=", ">>=", "-=", "/=", "^=",
];

/// The operators of `COMPARE_OP`, by argument.
pub const COMPARE_OPS: [&str; 6] = ["<", "<=", "==", "!=", ">", ">="];

/// The instruction table as Markdown (`docs/opcodes.md` is this output).
pub fn markdown_table() -> String {
    let mut out = String::from(
        "# Instructions\n\nGenerated from `crates/taipan-bytecode/src/opcodes.rs` \
         (`cargo run -p taipan-bytecode --example opcodes_md`); do not edit.\n\n\
         | number | name | argument | caches | meaning |\n|---:|---|---|---:|---|\n",
    );
    for op in Opcode::ALL {
        out.push_str(&format!(
            "| {} | `{}` | {:?} | {} | {} |\n",
            *op as u8,
            op.name(),
            op.arg_kind(),
            op.cache_entries(),
            op.meaning()
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_round_trip() {
        for op in Opcode::ALL {
            assert_eq!(Opcode::from_u8(*op as u8), Some(*op));
        }
        assert_eq!(Opcode::from_u8(3), None);
    }

    #[test]
    fn arguments_start_at_have_argument() {
        for op in Opcode::ALL {
            assert_eq!(op.has_arg(), op.arg_kind() != ArgKind::None, "{}", op.name());
        }
    }
}
