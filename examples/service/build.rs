//! Generates the authorization tables from the policy at build time.

fn main() {
    let policy = "../../policies/rxscale.policy";
    println!("cargo:rerun-if-changed={policy}");
    let out = std::path::PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("policy.rs");
    if let Err(e) = scopec::build_script::rust_module(policy, &out, scopec::build_script::Runtime::Crate) {
        panic!("{e}");
    }
}
