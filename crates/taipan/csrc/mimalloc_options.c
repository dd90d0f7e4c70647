/* Options of the mimalloc that libmimalloc-sys builds, set by name: the
   enum comes from that build's own header (the Rust crate does not name
   every option, and the numbering differs between mimalloc v2 and v3). */
#include <mimalloc.h>

/* Stops mimalloc from asking for transparent huge pages on its arenas
   (see src/allocator.rs). */
void taipan_mimalloc_disallow_thp(void) {
  mi_option_set(mi_option_allow_thp, 0);
}
