//! Generates the authorization tables of the seed policies at build time: the service
//! serves RxScale; its HTTP tests run every seed's test cases.

fn main() {
    let out = std::path::PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    for seed in ["maxcare", "plusmedical", "rxscale"] {
        let policy = format!("../../policies/{seed}.policy");
        println!("cargo:rerun-if-changed={policy}");
        let module = out.join(format!("{seed}.rs"));
        if let Err(e) = scopec::build_script::rust_module(&policy, &module, scopec::build_script::Runtime::Crate) {
            panic!("{e}");
        }
    }
}
