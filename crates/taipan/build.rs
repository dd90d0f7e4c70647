//! Compiles `csrc/mimalloc_options.c` against the header of the mimalloc
//! that libmimalloc-sys builds (it exports its include directory as
//! `DEP_MIMALLOC_INCLUDE_DIR`), so options are set by their C names.

fn main() {
    let include =
        std::env::var("DEP_MIMALLOC_INCLUDE_DIR").expect("libmimalloc-sys exports its include directory");
    println!("cargo:rerun-if-changed=csrc/mimalloc_options.c");
    cc::Build::new().file("csrc/mimalloc_options.c").include(include).compile("taipan_mimalloc_options");
}
