//! The process's memory allocator. The VM allocates and frees many small
//! objects (frames' temporaries, strings, tuples, dict tables); mimalloc
//! serves that pattern much faster than glibc's malloc (docs/vm.md,
//! Memory). `TAIPAN_MALLOC=system` selects the system allocator instead, so
//! that memory checkers such as valgrind, which only see the system
//! allocator's blocks, can check the VM's unsafe code
//! (`tests/memcheck.rs`).
//!
//! The choice is made once, at the first allocation, from the environment
//! (read with the C library's `getenv`, which does not allocate), and never
//! changes, so every block is freed by the allocator that made it.
//!
//! Blocks that need no more than word alignment (nearly all of the VM's)
//! go to `mi_malloc`/`mi_realloc`, which always give word-aligned blocks.
//! The `mimalloc` crate sends every request through `mi_malloc_aligned`,
//! whose fast path works only while the size class's page has a free
//! block at hand; otherwise, for sizes that are not powers of two, it
//! over-allocates and aligns by hand (slower, and the block is bigger).
//!
//! mimalloc maps large blocks with `MAP_NORESERVE`, so the kernel never
//! refuses even an absurd request (`"a" * 10**13`): the process would then
//! page memory in until it is killed. glibc's malloc is refused at once, and
//! CPython raises `MemoryError`. To behave the same, a single mimalloc
//! request larger than the machine's RAM plus swap fails (returns null),
//! which the VM's fallible allocation paths turn into `MemoryError`.
//!
//! Transparent huge pages are off for mimalloc's arenas unless
//! `MIMALLOC_ALLOW_THP` says otherwise. mimalloc asks for them
//! (`madvise(MADV_HUGEPAGE)` on its 1 GiB arena), and then every first
//! touch of a 2 MiB region makes the kernel find and zero a huge page,
//! compacting memory if it has to. For a short-lived interpreter that costs
//! more than it saves: importing the 200-module benchmark package took a
//! median 437 ms of CPU with huge pages against 310 ms without (9
//! alternating cold runs), nearly all of it system time, and `-c pass`
//! touched 16.5 MB instead of 7.6 MB (docs/vm.md, Memory).

use std::alloc::{GlobalAlloc, Layout, System};
use std::ffi::{c_char, CStr};
use std::sync::atomic::{AtomicU8, AtomicUsize, Ordering};

const UNDECIDED: u8 = 0;
const MIMALLOC: u8 = 1;
const SYSTEM: u8 = 2;

/// The environment variable that selects the allocator.
const SELECTOR: &CStr = c"TAIPAN_MALLOC";
/// mimalloc's own switch for transparent huge pages, honoured if set.
const THP_OVERRIDE: &CStr = c"MIMALLOC_ALLOW_THP";

extern "C" {
    fn getenv(name: *const c_char) -> *const c_char;
    /// In `csrc/mimalloc_options.c` (built by `build.rs`).
    fn taipan_mimalloc_disallow_thp();
}

/// The global allocator: mimalloc unless `TAIPAN_MALLOC=system`.
pub struct TaipanAllocator {
    choice: AtomicU8,
    /// The largest single mimalloc request that can succeed (RAM + swap).
    max_request: AtomicUsize,
}

impl TaipanAllocator {
    pub const fn new() -> Self {
        TaipanAllocator { choice: AtomicU8::new(UNDECIDED), max_request: AtomicUsize::new(usize::MAX) }
    }

    /// Whether a mimalloc request of `size` bytes is beyond what the machine
    /// could ever back (see the module comment). Only meaningful after
    /// `uses_system` has decided.
    #[inline(always)]
    fn too_big(&self, size: usize) -> bool {
        size > self.max_request.load(Ordering::Relaxed)
    }

    #[inline(always)]
    fn uses_system(&self) -> bool {
        match self.choice.load(Ordering::Relaxed) {
            MIMALLOC => false,
            SYSTEM => true,
            _ => self.decide() == SYSTEM,
        }
    }

    #[cold]
    fn decide(&self) -> u8 {
        // SAFETY: `SELECTOR` is NUL-terminated; `getenv` returns either null
        // or a NUL-terminated string owned by the environment, read here
        // before any thread could change it (the first allocation happens
        // during start-up, on the main thread).
        let wants_system = unsafe {
            let value = getenv(SELECTOR.as_ptr());
            !value.is_null() && CStr::from_ptr(value).to_bytes() == b"system"
        };
        let choice = if wants_system { SYSTEM } else { MIMALLOC };
        if choice == MIMALLOC {
            keep_mimalloc_off_huge_pages();
        }
        self.max_request.store(memory_and_swap(), Ordering::Relaxed);
        self.choice.store(choice, Ordering::Relaxed);
        choice
    }
}

impl Default for TaipanAllocator {
    fn default() -> Self {
        Self::new()
    }
}

// SAFETY: every method forwards to one of two allocators that implement
// `GlobalAlloc` correctly, and the choice between them never changes after
// the first call, so a block is always freed or resized by its own allocator.
unsafe impl GlobalAlloc for TaipanAllocator {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if self.uses_system() {
            System.alloc(layout)
        } else if self.too_big(layout.size()) {
            std::ptr::null_mut()
        } else if word_aligned(layout.align()) {
            libmimalloc_sys::mi_malloc(layout.size()) as *mut u8
        } else {
            mimalloc::MiMalloc.alloc(layout)
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if self.uses_system() {
            System.alloc_zeroed(layout)
        } else if self.too_big(layout.size()) {
            std::ptr::null_mut()
        } else if word_aligned(layout.align()) {
            libmimalloc_sys::mi_zalloc(layout.size()) as *mut u8
        } else {
            mimalloc::MiMalloc.alloc_zeroed(layout)
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if self.uses_system() {
            System.dealloc(ptr, layout)
        } else {
            mimalloc::MiMalloc.dealloc(ptr, layout)
        }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if self.uses_system() {
            System.realloc(ptr, layout, new_size)
        } else if self.too_big(new_size) {
            std::ptr::null_mut()
        } else if word_aligned(layout.align()) {
            libmimalloc_sys::mi_realloc(ptr as *mut std::ffi::c_void, new_size) as *mut u8
        } else {
            mimalloc::MiMalloc.realloc(ptr, layout, new_size)
        }
    }
}

/// Turns mimalloc's `allow_thp` option off (see the module comment) unless
/// the user set `MIMALLOC_ALLOW_THP`. Runs before mimalloc's first
/// allocation, so its first arena is mapped without `MADV_HUGEPAGE`.
fn keep_mimalloc_off_huge_pages() {
    // SAFETY: `THP_OVERRIDE` is NUL-terminated and `getenv` only reads the
    // environment (see `decide`). The C function only stores an option
    // value (`mi_option_set`): it neither allocates nor calls back into
    // this allocator.
    unsafe {
        if getenv(THP_OVERRIDE.as_ptr()).is_null() {
            taipan_mimalloc_disallow_thp();
        }
    }
}

/// Whether every mimalloc block satisfies `align` (mimalloc's blocks are
/// at least word-aligned, whatever their size).
#[inline(always)]
fn word_aligned(align: usize) -> bool {
    align <= std::mem::size_of::<usize>()
}

/// Total RAM plus swap in bytes (`usize::MAX` if the system will not say).
#[cfg(target_os = "linux")]
fn memory_and_swap() -> usize {
    // SAFETY: `sysinfo` only writes into the zeroed struct it is given.
    let info = unsafe {
        let mut info: libc::sysinfo = std::mem::zeroed();
        if libc::sysinfo(&mut info) != 0 {
            return usize::MAX;
        }
        info
    };
    let units = (info.totalram as u128 + info.totalswap as u128) * info.mem_unit.max(1) as u128;
    usize::try_from(units).unwrap_or(usize::MAX).max(1 << 30)
}

/// No cap where `sysinfo` does not exist.
#[cfg(not(target_os = "linux"))]
fn memory_and_swap() -> usize {
    usize::MAX
}
