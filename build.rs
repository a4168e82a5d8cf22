//! Links the `search` binary as a position-dependent executable.
//!
//! A PIE binary of this size carries ~44,000 relative relocations that the
//! dynamic loader applies on every start, dirtying ~900 KB of relocated data:
//! about 1.6 ms of a 5 ms query process. Linked with `-no-pie` the linker
//! resolves them once; the code itself stays position-independent.
//!
//! The static build that `.cargo/config.toml` asks for is non-PIE already
//! (`relocation-model=static`), and `-no-pie` beside `crt-static` would make
//! a binary that crashes at start, so it is only added to dynamic builds.
fn main() {
    let static_crt = std::env::var("CARGO_CFG_TARGET_FEATURE")
        .is_ok_and(|features| features.split(',').any(|f| f == "crt-static"));
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") && !static_crt {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
