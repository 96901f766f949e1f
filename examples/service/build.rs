//! Generates the authorization tables of the seed policies at build time: the service
//! serves RxScale; its HTTP tests run every seed's test cases, and those of a fixture with
//! the schemes and field paths the seeds do not use.

fn main() {
    let out = std::path::PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let policies = ["maxcare", "plusmedical", "rxscale"].map(|seed| (seed, format!("../../policies/{seed}.policy")));
    let fixture = ("schemes", "tests/fixtures/schemes.policy".to_string());
    for (seed, policy) in policies.into_iter().chain([fixture]) {
        println!("cargo:rerun-if-changed={policy}");
        let module = out.join(format!("{seed}.rs"));
        if let Err(e) = scopec::build_script::rust_module(&policy, &module, scopec::build_script::Runtime::Crate) {
            panic!("{e}");
        }
    }
}
